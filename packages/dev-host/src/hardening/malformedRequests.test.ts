import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { malformed } from './malformedPayloads.js';
import { rawExchange, statusOf } from './rawHttp.js';

// Request lines and headers no correct client sends, over a raw socket (fetch would refuse to send them). Each must
// get a 4xx (505 for an HTTP version the host does not speak), close its connection, leak no stack trace, and leave
// the host serving. The cases badInput.e2e.test.ts already covers (bad percent-encoding, `*` target, garbage, a space
// in a header name, an unusable Host) are not repeated here.
describe('malformed request lines and headers', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app'), maxBodyBytes: 1024, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
  });
  afterAll(async () => {
    await host.close();
  });

  it.each(malformed)('%s: answered %i, connection closed, host still serving', async (_name, payload, status) => {
    const exchange = await rawExchange(host.url, payload);

    expect(statusOf(exchange)).toBe(status);
    expect(exchange.closed).toBe(true);
    expect(exchange.response).not.toMatch(/\n\s+at /);
    const res = await host.fetch('/api/hello?name=next');
    expect(await res.text()).toBe('Hello, next!');
  });

  it('drops a CONNECT request (the host is not a proxy) without answering or crashing', async () => {
    const exchange = await rawExchange(host.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');

    expect(exchange).toMatchObject({ closed: true, response: '' });
    expect((await host.fetch('/api/hello?name=next')).status).toBe(200);
  });

  it('still serves HTTP/1.0 clients', async () => {
    const exchange = await rawExchange(host.url, 'GET /api/hello?name=old HTTP/1.0\r\n\r\n');

    expect(statusOf(exchange)).toBe(200);
    expect(exchange.response).toMatch(/\r\n\r\nHello, old!$/);
  });

  it('logs no unexpected error for any of them', () => {
    expect(host.logs.filter((log) => log.level === 'error' || log.level === 'critical')).toEqual([]);
  });
});
