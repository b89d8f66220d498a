import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { rawGet } from '../test-support/rawGet.js';

describe('an app with HTTP streaming', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('streaming-app'), maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await host.close();
  });

  it('streams the request to the function and its response back, with route params and query', async () => {
    const res = await host.fetch('/api/upper/t1?q=z', { method: 'POST', body: 'hello stream' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tag')).toBe('t1');
    expect(res.headers.get('x-query')).toBe('z');
    expect(await res.text()).toBe('HELLO STREAM');
  });

  it('gives the function the original URL and headers', async () => {
    const res = await host.fetch('/api/streamInfo?a=1', { headers: { 'X-Probe': 'probe' } });
    expect(await res.json()).toEqual({ url: `${host.url}/api/streamInfo?a=1`, header: 'probe', params: {} });
  });

  it('delivers chunks as the function writes them', async () => {
    const res = await host.fetch('/api/ticker');
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value as Uint8Array | undefined)).toBe('tick 1\n');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value as Uint8Array | undefined);
    }
    expect(rest).toBe('tick 2\ntick 3\n');
  });

  it('answers 500 with an empty body on failure, and 204 when nothing is returned', async () => {
    const failed = await host.fetch('/api/streamBoom');
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('');
    const nothing = await host.fetch('/api/streamNothing');
    expect(nothing.status).toBe(204);
  });

  it.each([
    ['/api/streamNothing', 204, undefined],
    ['/api/streamNoContent', 204, ['x-kind', 'no content']],
    ['/api/streamNotModified', 304, ['etag', '"v1"']],
  ] as const)('sends %s (%i) without Content-Length or a body, as Kestrel does', async (path, status, header) => {
    const res = await rawGet(new URL(path, host.url));
    expect(res.status).toBe(status);
    expect(res.headers).not.toHaveProperty('content-length');
    expect(res.headers).not.toHaveProperty('transfer-encoding');
    if (header) expect(res.headers[header[0]]).toBe(header[1]);
    expect(res.body).toBe('');
  });

  it('sends the cookies the library writes', async () => {
    const res = await host.fetch('/api/streamCookies');
    expect(res.headers.getSetCookie()).toEqual(['flavour=oat']);
    expect(await res.text()).toBe('cookie set');
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    const declared = await host.fetch('/api/upper', { method: 'POST', body: 'x'.repeat(70 * 1024) });
    expect(declared.status).toBe(413);
    const streamed = await host.fetch('/api/upper', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024).fill(97));
          controller.close();
        },
      }),
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
  });

  it('404s an unknown route without involving the library', async () => {
    expect((await host.fetch('/api/missing')).status).toBe(404);
  });
});

describe('closing a streaming app', () => {
  it("closes the library's HTTP proxy", async () => {
    const host = await startHost({ appDir: fixtureDir('streaming-app') });
    await host.fetch('/api/streamInfo');
    await host.close();
    expect(host.logs.some((log) => log.message === 'Http proxy closing')).toBe(true);
  });
});
