import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { rawExchange, statusOf, trickle, type RawExchange } from './rawHttp.js';

// Requests larger than the host accepts: headers past Node's 16 KiB limit (431), answered and closed, and bodies past
// maxBodyBytes (413), answered, then drained for a bounded time so the client can read the answer. badInput.e2e.test.ts covers a declared body just over
// the limit, a chunked one, and one exactly at it.
const LIMIT = 64 * 1024;

/**
 * Streams `total` bytes of chunked body as fast as the socket takes them, as a client that does not stop when the
 * server answers, until it has sent everything and has the answer's head, or the server closes the connection.
 */
function floodBody(url: string, target: string, total: number): Promise<RawExchange & { written: number }> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  const started = performance.now();
  return new Promise((resolve) => {
    let response = '';
    let written = 0;
    const chunk = Buffer.alloc(16 * 1024, 'z');
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const pump = (): void => {
      while (written < total && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!socket.destroyed) {
        socket.write('0\r\n\r\n');
        sentAll = true;
        hangUpWhenAnswered();
      }
    };
    let sentAll = false;
    const hangUpWhenAnswered = (): void => {
      if (sentAll && response.includes('\r\n\r\n')) socket.end();
    };
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      response += data;
      hangUpWhenAnswered();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      resolve({ response, closed: true, statusLine: response.split('\r\n')[0] ?? '', elapsedMs: performance.now() - started, written });
    });
    socket.write(`POST ${target} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n`);
    pump();
  });
}

describe('oversized requests', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app'), maxBodyBytes: LIMIT });
  });
  afterAll(async () => {
    await host.close();
  });

  async function stillServing(): Promise<void> {
    expect(await (await host.fetch('/api/hello?name=ok')).text()).toBe('Hello, ok!');
  }

  it.each([
    ['a 20 KiB request line', `GET /api/hello?q=${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a 20 KiB header', `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\n\r\n`],
    ['3,000 small headers', `GET /api/hello HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_u, i) => `X-H${String(i)}: v`).join('\r\n')}\r\n\r\n`],
  ])('%s: 431, connection closed', async (_name, payload) => {
    const exchange = await rawExchange(host.url, payload);
    expect(statusOf(exchange)).toBe(431);
    expect(exchange.closed).toBe(true);
    await stillServing();
  });

  it('a declared 10 GB body: 413 at once, before any of it is sent; the connection closed when none comes', async () => {
    const exchange = await rawExchange(host.url, 'POST /api/echo/big HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n', { waitMs: 30_000 });
    expect(statusOf(exchange)).toBe(413);
    expect(exchange.closed).toBe(true);
    await stillServing();
  });

  it.each([
    ['a function', '/api/echo/flood'],
    ['the admin endpoint', '/admin/functions/queueWork'],
  ])('a 32 MB chunked body to %s: 413 once past the limit, while the client is still sending', async (_name, target) => {
    const total = 32 * 1024 * 1024;

    const exchange = await floodBody(host.url, target, total);

    // The answer reached a client that kept writing: the host drained the body instead of resetting the connection.
    expect(statusOf(exchange)).toBe(413);
    await stillServing();
  });

  it('a body that keeps coming after the 413: the connection is closed after a bounded drain', async () => {
    const overLimit = 'q'.repeat(LIMIT + 1);
    const head = `POST /api/echo/slow HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${overLimit.length.toString(16)}\r\n${overLimit}\r\n`;
    // One byte of a never-ending chunk every 20 ms: a client that never finishes its body.
    const exchange = await trickle(host.url, `fffffff\r\n${'r'.repeat(100_000)}`, 20, { head, waitMs: 60_000 });
    expect(statusOf(exchange)).toBe(413);
    expect(exchange.closed).toBe(true);
    await stillServing();
  });

  it('a declared body over the limit to the admin endpoint: 413', async () => {
    const res = await host.fetch('/admin/functions/queueWork', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: 'x'.repeat(LIMIT) }) });
    expect(res.status).toBe(413);
    await stillServing();
  });
});
