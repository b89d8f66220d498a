import { HostStartupError } from '../app/HostStartupError.js';
import type { StartHostOptions } from './publicTypes.js';

export interface ResolvedHostOptions {
  readonly hostname: string;
  readonly maxBodyBytes: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
}

const defaults = {
  hostname: '127.0.0.1',
  maxBodyBytes: 100 * 1024 * 1024,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 300_000,
  shutdownTimeoutMs: 10_000,
};

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new HostStartupError(`Option ${name} must be a positive number (got ${String(value)}).`);
  }
  return value;
}

/** The host's options with their defaults (the same for `startHost()` and `azfx start`); bad values are start-up errors. */
export function resolveHostOptions(options: Omit<StartHostOptions, 'appDir'>): ResolvedHostOptions {
  const { port } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new HostStartupError(`Option port must be an integer from 0 to 65535 (got ${String(port)}).`);
  }
  const headersTimeoutMs = positiveOption('headersTimeoutMs', options.headersTimeoutMs, defaults.headersTimeoutMs);
  return {
    hostname: options.hostname ?? defaults.hostname,
    maxBodyBytes: positiveOption('maxBodyBytes', options.maxBodyBytes, defaults.maxBodyBytes),
    headersTimeoutMs,
    requestTimeoutMs: Math.max(positiveOption('requestTimeoutMs', options.requestTimeoutMs, defaults.requestTimeoutMs), headersTimeoutMs),
    shutdownTimeoutMs: positiveOption('shutdownTimeoutMs', options.shutdownTimeoutMs, defaults.shutdownTimeoutMs),
  };
}
