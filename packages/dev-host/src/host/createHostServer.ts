import { realpath } from 'node:fs/promises';
import { Agent, createServer, type Server } from 'node:http';
import path from 'node:path';
import { InFlightWork } from '../app/InFlightWork.js';
import type { Logger } from '../app/logging/createLogger.js';
import { Shutdown } from './Shutdown.js';

/**
 * The host's HTTP server. The timeouts bound what a slow client can hold: Node answers 408 to one that has not sent
 * its headers (or its whole request) in time.
 */
export function createHostServer(options: { headersTimeoutMs: number; requestTimeoutMs: number }): Server {
  return createServer({
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    // How often Node checks the two timeouts above; its 30 s default would let a slow client linger far longer.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(options.headersTimeoutMs / 2))),
    keepAliveTimeout: 5_000,
  });
}

/** What every host (`azfx start` and `startHost()`) starts with, before it reads the app. */
export interface HostParts {
  /** The app folder, symbolic links resolved (the worker reports paths that way). */
  readonly appDir: string;
  /** HTTP requests being served, and invocations of every kind: what shutdown waits for. */
  readonly requests: InFlightWork;
  readonly invocations: InFlightWork;
  /** The one owner of shutdown, used when start-up fails and on close. */
  readonly shutdown: Shutdown;
  readonly server: Server;
  /** Connections to the library's HTTP-streaming proxy, kept alive; destroyed at shutdown. */
  readonly streamAgent: Agent;
}

export async function createHostParts(appDirOption: string, options: { headersTimeoutMs: number; requestTimeoutMs: number }, logger: Logger): Promise<HostParts> {
  const resolvedDir = path.resolve(appDirOption);
  const appDir = await realpath(resolvedDir).catch(() => resolvedDir);
  const requests = new InFlightWork();
  const invocations = new InFlightWork();
  const shutdown = new Shutdown(logger, requests, invocations);
  const streamAgent = new Agent({ keepAlive: true });
  shutdown.release(() => {
    streamAgent.destroy();
  });
  return { appDir, requests, invocations, shutdown, server: createHostServer(options), streamAgent };
}
