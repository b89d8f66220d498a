import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { rawExchange, statusOf, trickle } from './rawHttp.js';

// Slow clients (slowloris): connections that hold the server by sending a request a byte at a time, or nothing at
// all. headersTimeoutMs and requestTimeoutMs bound each one; while they hang on, everyone else is served.
const HEADERS_TIMEOUT_MS = 400;
const REQUEST_TIMEOUT_MS = 800;
// Node checks the timeouts every headersTimeoutMs / 2 here; anything past a few multiples of that is a hang.
const GENEROUS_MS = 4_000;

describe('slow clients', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({
      appDir: fixtureDir('cjs-app'),
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    await host.close();
  });

  it('50 connections trickling their headers are each cut off with 408, while others are served', async () => {
    const slowHeaders = `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(500)}`;
    const slow = Array.from({ length: 50 }, () => trickle(host.url, slowHeaders, 20, { waitMs: GENEROUS_MS }));
    // Served meanwhile: the trickling connections hold nothing the others need.
    const served = await Promise.all(
      Array.from({ length: 20 }, async (_unused, index) => (await host.fetch(`/api/hello?name=n${String(index)}`)).status),
    );

    const results = await Promise.all(slow);

    expect(served).toEqual(Array.from({ length: 20 }, () => 200));
    expect(results.map((result) => [result.closed, statusOf(result)])).toEqual(results.map(() => [true, 408]));
    expect(Math.max(...results.map((result) => result.elapsedMs))).toBeLessThan(GENEROUS_MS);
  });

  it('a connection that never sends a byte is closed too', async () => {
    const silent = await rawExchange(host.url, '', { waitMs: GENEROUS_MS });

    expect(silent.closed).toBe(true);
    expect(statusOf(silent)).toBe(408);
  });

  it('a body trickled slower than requestTimeoutMs allows is cut off, and the function never runs', async () => {
    const body = 'x'.repeat(200);
    const head = `POST /api/echo/slow-body HTTP/1.1\r\nHost: x\r\nContent-Length: ${String(body.length)}\r\n\r\n`;

    const result = await trickle(host.url, body, 10, { head, waitMs: GENEROUS_MS });

    expect(result.closed).toBe(true);
    expect(statusOf(result)).toBe(408);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(host.logs.some((log) => log.message.startsWith("Executing 'Functions.echo'"))).toBe(false);
    expect((await host.fetch('/api/hello?name=after')).status).toBe(200);
  });

  it('a client that sends its request and then stops reading does not stall the host', async () => {
    // A request that asks for a response and never reads it: the kernel buffers take the (small) response.
    const pending = rawExchange(host.url, 'GET /api/hello?name=unread HTTP/1.1\r\nHost: x\r\n\r\n', { waitMs: 300 });
    expect((await host.fetch('/api/hello?name=other')).status).toBe(200);
    await pending;
  });
});
