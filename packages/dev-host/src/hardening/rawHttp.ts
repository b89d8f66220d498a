import { connect, type Socket } from 'node:net';

export interface RawExchange {
  /** Everything the server sent, as latin1 text. */
  readonly response: string;
  /** Whether the server closed the connection (rather than the wait running out). */
  readonly closed: boolean;
  /** The first line of the response, e.g. `HTTP/1.1 400 Bad Request`; empty when nothing came back. */
  readonly statusLine: string;
  /** Milliseconds from connecting to the close (or to the end of the wait). */
  readonly elapsedMs: number;
}

export interface RawOptions {
  /** How long to wait for the server to close the connection. Default 3 s. */
  readonly waitMs?: number;
  /** Connect to this address instead of the URL's host (same port). */
  readonly address?: string;
}

export interface TrickleOptions extends RawOptions {
  /** Sent at once before the trickle starts (e.g. complete headers, to trickle only the body). */
  readonly head?: string;
}

function target(url: string, address: string | undefined): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: address ?? hostname.replace(/^\[|\]$/g, ''), port: Number(port) };
}

/** Collects what a socket receives until the server closes it or `waitMs` passes. */
function collect(socket: Socket, waitMs: number): Promise<RawExchange> {
  const started = performance.now();
  return new Promise((resolve) => {
    let response = '';
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      resolve({ response, closed, statusLine: response.split('\r\n')[0] ?? '', elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish(false);
    }, waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    // A reset after the server answered (it closes while we are still writing) is a close like any other.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      finish(true);
    });
  });
}

/**
 * Sends raw bytes to the host, as a client that does not speak HTTP properly would, and collects what comes back
 * until the server closes the connection.
 */
export function rawExchange(url: string, payload: string | Buffer, options: RawOptions = {}): Promise<RawExchange> {
  const socket = connect(target(url, options.address));
  const exchange = collect(socket, options.waitMs ?? 3_000);
  socket.write(payload);
  return exchange;
}

/**
 * A slow client: sends `payload` one byte every `intervalMs` (after `head`, at once), and reports when the server
 * closed the connection.
 */
export function trickle(url: string, payload: string, intervalMs: number, options: TrickleOptions = {}): Promise<RawExchange> {
  const socket = connect(target(url, options.address));
  const exchange = collect(socket, options.waitMs ?? 5_000);
  if (options.head !== undefined) socket.write(options.head);
  let offset = 0;
  const timer = setInterval(() => {
    if (offset >= payload.length || socket.destroyed) {
      clearInterval(timer);
      return;
    }
    socket.write(payload.slice(offset, offset + 1));
    offset += 1;
  }, intervalMs);
  void exchange.finally(() => {
    clearInterval(timer);
  });
  return exchange;
}

/**
 * An address a test may treat as another machine's, or `undefined` to skip those tests. Opt-in on purpose: tests
 * send traffic only to loopback unless they are given an address of a test network made for them (e.g. one end
 * of a veth pair in a network namespace), in AZFX_TEST_REMOTE_ADDRESS. The admin check itself is unit-tested.
 */
export function nonLoopbackAddress(): string | undefined {
  const address = process.env.AZFX_TEST_REMOTE_ADDRESS?.trim();
  return address === undefined || address === '' ? undefined : address;
}

/** The status code of a raw response, e.g. 400; `undefined` when the server sent no response at all. */
export function statusOf(exchange: RawExchange): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(exchange.statusLine);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
