import { isIP } from 'node:net';
import { HostStartupError } from '../HostStartupError.js';
import { isPlainObject } from './readJsonFile.js';

/** local.settings.json `Host`: what Core Tools reads from it besides the port. */
export interface LocalHostSettings {
  /** `Host.CORS`: comma-separated origins, `undefined` when not set. */
  readonly cors: string | undefined;
  /** `Host.CORSCredentials`. */
  readonly corsCredentials: boolean;
  /** `Host.LocalHttpAddress` (Core Tools 4.13+): the address to listen on when `--address` is not given. */
  readonly address: string | undefined;
}

/**
 * local.settings.json `ConnectionStrings`, as Core Tools passes them: app settings named `ConnectionStrings:<name>`
 * (so `process.env['ConnectionStrings:MyDb']`).
 */
export function connectionStringSettings(localSettings: unknown): Record<string, string> {
  const connectionStrings = isPlainObject(localSettings) ? localSettings.ConnectionStrings : undefined;
  if (connectionStrings === undefined || connectionStrings === null) {
    return {};
  }
  if (!isPlainObject(connectionStrings)) {
    throw new HostStartupError('local.settings.json "ConnectionStrings" must be an object of names to connection strings, e.g. { "MyDb": "Server=...;" }.');
  }
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(connectionStrings)) {
    if (typeof value !== 'string') {
      throw new HostStartupError(`local.settings.json ConnectionStrings.${name} must be a string (got ${JSON.stringify(value)}): write the connection string itself.`);
    }
    settings[`ConnectionStrings:${name}`] = value;
  }
  return settings;
}

/** Checks local.settings.json `Host` (Core Tools reads it before starting anything). */
export function localHostSettings(localSettings: unknown): LocalHostSettings {
  const host = isPlainObject(localSettings) ? localSettings.Host : undefined;
  if (host === undefined || host === null) {
    return { cors: undefined, corsCredentials: false, address: undefined };
  }
  if (!isPlainObject(host)) {
    throw new HostStartupError('local.settings.json "Host" must be an object, e.g. { "LocalHttpPort": 7071, "CORS": "http://localhost:3000" }.');
  }
  const { CORS: cors, CORSCredentials: credentials, LocalHttpPort: port, LocalHttpAddress: address } = host;
  if (address !== undefined && address !== null && !(typeof address === 'string' && isIP(address.trim()) !== 0)) {
    throw new HostStartupError(`local.settings.json Host.LocalHttpAddress must be an IP address (got ${JSON.stringify(address)}): e.g. "LocalHttpAddress": "127.0.0.1" for this machine only, or "0.0.0.0" for every interface.`);
  }
  if (port !== undefined && port !== null && !(typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new HostStartupError(`local.settings.json Host.LocalHttpPort must be a port number from 0 to 65535 (got ${JSON.stringify(port)}): e.g. "LocalHttpPort": 7072.`);
  }
  if (cors !== undefined && cors !== null && typeof cors !== 'string') {
    throw new HostStartupError(`local.settings.json Host.CORS must be a string of comma-separated origins (got ${JSON.stringify(cors)}): e.g. "CORS": "http://localhost:3000,https://example.com".`);
  }
  if (credentials !== undefined && credentials !== null && typeof credentials !== 'boolean') {
    throw new HostStartupError(`local.settings.json Host.CORSCredentials must be true or false (got ${JSON.stringify(credentials)}).`);
  }
  return {
    cors: typeof cors === 'string' && cors.trim() !== '' ? cors : undefined,
    corsCredentials: credentials === true,
    address: typeof address === 'string' ? address.trim() : undefined,
  };
}
