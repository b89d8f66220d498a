import type { AppRuntime } from '../AppRuntime.js';
import type { Logger } from '../../app/logging/createLogger.js';
import type { RouteTable } from '../routing/routeTable.js';
import type { CorsPolicy } from './cors.js';
import type { FunctionKeys } from './functionKeys.js';

/** Everything the HTTP server needs to serve a started app. */
export interface ServerContext {
  readonly runtime: AppRuntime;
  readonly routeTable: RouteTable;
  readonly logger: Logger;
  /** Largest request body accepted, in bytes (413 above it). */
  readonly maxBodyBytes: number;
  readonly adminKey: string | undefined;
  /** Used as the URL's host when a request has no usable Host header. */
  readonly fallbackHost: string;
  /** The library's HTTP proxy (`HttpUri`) when the app enabled HTTP streaming. */
  readonly streamProxyUrl: URL | undefined;
  isShuttingDown(): boolean;
  /** azfx #14: `--cors` / local.settings.json `Host.CORS`; undefined: no CORS handling (as Core Tools without it). */
  readonly cors?: CorsPolicy | undefined;
  /** azfx #14: host.json `extensions.http.customHeaders`, on every response (the function's own headers win). */
  readonly customHeaders?: Readonly<Record<string, string>>;
  /** azfx #14: with --enable-auth, the keys function- and admin-level functions require (401 without). */
  readonly functionKeys?: FunctionKeys | undefined;
}

/** No worker can serve the app now (it failed to start); the message says what to do. */
export class AppUnavailableError extends Error {}
