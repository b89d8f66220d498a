import type { Server } from 'node:http';
import { HostStartupError } from '../app/HostStartupError.js';
import type { Logger } from '../app/logging/createLogger.js';
import { bindWarning } from './bindWarning.js';
import { isLoopback } from './http/isLoopback.js';
import type { Shutdown } from './Shutdown.js';

/** Listens on `hostname:port`, turning the usual failures into start-up errors that say what to do. */
export async function listen(server: Server, port: number, hostname: string): Promise<{ port: number; address: string }> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(toStartupError(error, port, hostname));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: hostname });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new HostStartupError(`The server did not get a TCP address on ${hostname}:${port}.`);
  }
  return { port: address.port, address: address.address };
}

function toStartupError(error: NodeJS.ErrnoException, port: number, hostname: string): HostStartupError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new HostStartupError(`Port ${port} is already in use on ${hostname}. Stop the other process, or pick another port with --port (e.g. --port 7072).`, {
        cause: error,
      });
    case 'EACCES':
      return new HostStartupError(`Not allowed to listen on ${hostname}:${port}. Use a port above 1023 with --port.`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new HostStartupError(`Cannot listen on ${hostname}: this machine has no such address. Use --address 127.0.0.1 (the default).`, { cause: error });
    default:
      return new HostStartupError(`Cannot listen on ${hostname}:${port}: ${error.message}`, { cause: error });
  }
}

/**
 * How URLs name the address the server is bound to. Listings say `localhost` for loopback and "every interface",
 * as Core Tools does; URLs a program uses get a literal address (`localhost` may resolve to the other IP family).
 */
export function urlHost(boundAddress: string, forListing: boolean): string {
  const everyInterface = boundAddress === '0.0.0.0' || boundAddress === '::';
  if (forListing && (everyInterface || isLoopback(boundAddress))) {
    return 'localhost';
  }
  if (boundAddress === '0.0.0.0') {
    return '127.0.0.1';
  }
  if (boundAddress === '::') {
    return '[::1]';
  }
  return boundAddress.includes(':') ? `[${boundAddress}]` : boundAddress;
}

/**
 * Opens the host's server, the same way for `azfx start` and `startHost()`: listens (failures are start-up errors),
 * hands its closing to `shutdown` (no new connections when shutdown starts, every connection closed at its end),
 * logs server errors, and warns when the address is not this machine's only. Returns the URL programs reach the
 * host at (a literal address) and the one the listing shows (`localhost` for loopback).
 */
export async function openHostServer(
  server: Server,
  port: number,
  hostname: string,
  shutdown: Shutdown,
  logger: Logger,
): Promise<{ url: string; publicUrl: string }> {
  const bound = await listen(server, port, hostname);
  const serverClosed = new Promise<void>((resolve) => server.once('close', resolve));
  shutdown.onStop(() => {
    server.close();
    server.closeIdleConnections();
  });
  shutdown.release(async () => {
    server.closeAllConnections();
    await serverClosed;
  });
  server.on('error', (error) => {
    logger.host('error', `HTTP server error: ${error.message}`);
  });
  const warning = bindWarning(hostname);
  if (warning !== undefined) {
    logger.host('warning', warning);
  }
  return { url: `http://${urlHost(bound.address, false)}:${bound.port}`, publicUrl: `http://${urlHost(bound.address, true)}:${bound.port}` };
}
