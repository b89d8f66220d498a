import type { Server } from 'node:http';
import { isLoopback } from './http/isLoopback.js';
import { HostStartupError } from '../app/HostStartupError.js';

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
