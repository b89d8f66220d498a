import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';

/** Sends raw bytes and collects what comes back until the server closes the connection (or `waitMs` passes). */
function rawExchange(url: string, payload: string | Buffer, waitMs = 3_000): Promise<{ response: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ response, closed: false });
    }, waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ response, closed: true });
    });
    socket.write(payload);
  });
}

function statusLine(response: string): string {
  return response.split('\r\n')[0] ?? '';
}

describe('bad input', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app'), maxBodyBytes: 1024, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(async () => {
    await host.close();
  });

  async function stillServing(): Promise<void> {
    const res = await host.fetch('/api/hello?name=ok');
    expect(await res.text()).toBe('Hello, ok!');
  }

  it.each([
    ['a malformed percent-encoding', 'GET /api/echo/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 404/],
    ['a request target that is not a path', 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
    ['garbage instead of HTTP', '\u0000\u0001 not http at all\r\n\r\n', /^HTTP\/1\.1 400/],
    ['an invalid header', 'GET /api/hello HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', /^HTTP\/1\.1 400/],
    ['an unusable Host header', 'GET /api/hello?name=h HTTP/1.1\r\nHost: bad host!\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 200/],
  ])('survives %s without leaking a stack trace', async (_name, payload, expected) => {
    const { response } = await rawExchange(host.url, payload);
    expect(statusLine(response)).toMatch(expected);
    expect(response).not.toMatch(/\n\s+at /);
    await stillServing();
  });

  it('answers 413 for a declared body over the limit without reading it', async () => {
    const res = await host.fetch('/api/echo/big', { method: 'POST', body: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe('');
    await stillServing();
  });

  it('answers 413 for a chunked body that grows over the limit', async () => {
    const chunk = 'a'.repeat(600);
    const payload = `POST /api/echo/big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const { response } = await rawExchange(host.url, payload);
    expect(statusLine(response)).toMatch(/^HTTP\/1\.1 413/);
    await stillServing();
  });

  it('accepts a body right at the limit', async () => {
    const res = await host.fetch('/api/echo/exact', { method: 'POST', body: 'y'.repeat(1024) });
    expect(res.status).toBe(200);
  });

  it('times out a client that never finishes its headers, and keeps serving others', async () => {
    const { response, closed } = await rawExchange(host.url, 'GET /api/hello HTTP/1.1\r\nHost: x\r\n', 5_000);
    expect(closed).toBe(true);
    expect(statusLine(response)).toMatch(/^HTTP\/1\.1 408/);
    await stillServing();
  });

  it('times out a client that never finishes its body', async () => {
    const { closed } = await rawExchange(host.url, 'POST /api/echo/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial', 5_000);
    expect(closed).toBe(true);
    await stillServing();
  });
});

// Under the deliberately tight timeouts above, a busy CI machine can take longer than 300 ms to read the headers
// of one of 200 simultaneous requests and rightly answer 408; load is tested on a host with the default timeouts.
describe('many concurrent requests', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  it('serves 200 concurrent requests correctly', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_unused, index) => {
        const res = await host.fetch(`/api/hello?name=n${index}`);
        return `${res.status} ${await res.text()}`;
      }),
    );
    expect(responses).toEqual(Array.from({ length: 200 }, (_unused, index) => `200 Hello, n${index}!`));
  });
});
