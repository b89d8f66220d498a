import { createServer, type Server } from 'node:http';

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
