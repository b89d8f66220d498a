import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { rawGet } from '../test-support/rawGet.js';

interface Echo {
  url: string;
  method: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: string;
  traceParent: string | null;
}

describe("the host's conversion of requests and responses", () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  async function echo(path: string, init?: RequestInit): Promise<Echo> {
    const res = await host.fetch(path, init);
    expect(res.status).toBe(200);
    return (await res.json()) as Echo;
  }

  it('passes the full URL, prefix included, as received', async () => {
    const seen = await echo('/api/echo/x?b=2&a=1');
    expect(seen.url).toBe(`${host.url}/api/echo/x?b=2&a=1`);
  });

  it('joins repeated query keys with commas', async () => {
    const seen = await echo('/api/echo/q?tag=a&tag=b&Tag=c&single=1');
    expect(seen.query).toEqual({ tag: ['a,b,c'], single: ['1'] });
  });

  it('passes headers with lower-case names', async () => {
    const seen = await echo('/api/echo/h', { headers: { 'X-Custom-Header': 'Value' } });
    expect(seen.headers['x-custom-header']).toBe('Value');
  });

  it('passes the body bytes', async () => {
    const body = 'ünïcödé and bytes';
    const seen = await echo('/api/echo/b', { method: 'PUT', body, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(seen.method).toBe('PUT');
    expect(seen.body).toBe(body);
  });

  it('lets the library drop the body of a GET', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api/echo/get-with-body', host.url);
      const req = request(url, { method: 'GET', headers: { 'content-length': '5' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text });
        });
      });
      req.on('error', reject);
      req.end('hello');
    });
    expect(status.status).toBe(200);
    expect((JSON.parse(status.body) as Echo).body).toBe('');
    expect(host.logs.some((log) => log.message.includes('Discarding the body of the incoming GET request'))).toBe(true);
  });

  it('gives each invocation a W3C trace context, continuing an incoming one', async () => {
    const fresh = await echo('/api/echo/t');
    expect(fresh.traceParent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const continued = await echo('/api/echo/t', { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    expect(continued.traceParent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$/);
  });

  it('continues the trace of a traceparent given to invoke() in an HTTP input, as fetch() does', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const run = await host.invoke('echo', { input: { url: '/api/echo/t', headers: { TraceParent: traceparent, tracestate: 'k=v' } } });
    const seen = (run.result as { jsonBody: Echo }).jsonBody;
    expect(seen.traceParent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$/);
    const fresh = (await host.invoke('echo', { input: { url: '/api/echo/t' } })).result as { jsonBody: Echo };
    expect(fresh.jsonBody.traceParent).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('sends status, headers, body and cookies (path=/ by default, value escaped)', async () => {
    const res = await host.fetch('/api/cookies');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(res.headers.getSetCookie()).toEqual([
      'plain=a%20b%3Bc; path=/',
      'scoped=v; max-age=60; domain=example.com; path=/api; secure; samesite=strict; httponly',
    ]);
    expect(await res.text()).toBe('with cookies');
  });

  it('sends binary bodies byte for byte', async () => {
    const res = await host.fetch('/api/binary');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('answers 500 with an empty body when the function throws, without leaking the error', async () => {
    const res = await host.fetch('/api/boom');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect([...res.headers.values()].join(' ')).not.toContain('exploded');
    expect(host.logs.some((log) => log.level === 'error' && log.message.includes('handler exploded with a secret stack'))).toBe(true);
  });

  it('answers 204 when the function returns nothing', async () => {
    const res = await host.fetch('/api/nothing');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  // RFC 9110: no Content-Length on 204; on 304 only the length a 200 would have had, which the host does not know.
  // Kestrel sends none on either.
  it.each([
    ['/api/nothing', 204, undefined],
    ['/api/noContent', 204, ['x-kind', 'no content']],
    ['/api/notModified', 304, ['etag', '"v1"']],
  ] as const)('sends %s (%i) without Content-Length or a body', async (path, status, header) => {
    const res = await rawGet(new URL(path, host.url));
    expect(res.status).toBe(status);
    expect(res.headers).not.toHaveProperty('content-length');
    expect(res.headers).not.toHaveProperty('transfer-encoding');
    if (header) expect(res.headers[header[0]]).toBe(header[1]);
    expect(res.body).toBe('');
  });

  it('writes one log line per request with method, path, status and duration', async () => {
    await host.fetch('/api/hello?name=LogLine');
    await host.fetch('/api/definitely-missing');
    const lines = host.logs.filter((log) => log.source === 'host').map((log) => log.message);
    expect(lines.some((line) => /^GET \/api\/hello 200 \d+ms$/.test(line))).toBe(true);
    expect(lines.some((line) => /^GET \/api\/definitely-missing 404 \d+ms$/.test(line))).toBe(true);
  });
});
