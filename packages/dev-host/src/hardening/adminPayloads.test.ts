import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';

// Payloads for `POST /admin/functions/{name}` that no client should send. admin.e2e.test.ts covers a missing body,
// truncated JSON, an array and an object input; these are the nastier shapes. Every one is a clear 4xx and runs
// nothing; the host keeps serving.
describe('invalid admin payloads', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  const post = (name: string, body: string | Uint8Array, method = 'POST'): Promise<Response> =>
    host.fetch(`/admin/functions/${name}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'HEAD' ? null : body });

  it.each([
    ['JSON nested 100,000 levels deep', `{"input":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, /"input" must be a string/],
    ['bytes that are not UTF-8 text', new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0xc0, 0xaf]), /not valid JSON/],
    ['a byte order mark before the JSON', '\uFEFF{"input":"x"}', /not valid JSON/],
    ['JSON followed by garbage', '{"input":"x"} trailing', /not valid JSON/],
    ['JSON null', 'null', /must be a JSON object/],
    ['a JSON string', '"input"', /must be a JSON object/],
    ['an array input', '{"input":["a"]}', /"input" must be a string/],
  ])('%s: 400 saying what to send', async (_name, body, message) => {
    const res = await post('queueWork', body);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
  });

  it.each([
    ['a NUL byte', 'queue%00Work'],
    ['a traversal', '..%2f..%2fqueueWork'],
    ['a broken percent-encoding', 'queue%E0%A4%AWork'],
    ['a 10,000-character name', 'q'.repeat(10_000)],
  ])('a function name with %s: 404', async (_name, name) => {
    expect((await post(name, '{}')).status).toBe(404);
  });

  it.each(['PUT', 'DELETE', 'GET'])('%s: 405 naming the method to use', async (method) => {
    const res = await host.fetch('/admin/functions/queueWork', { method, ...(method === 'GET' ? {} : { body: '{}' }) });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('does not let "__proto__" in the payload reach any prototype', async () => {
    const res = await post('queueWork', '{"input":"safe","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(res.status).toBe(202);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('ran the function only for the payloads it accepted, and logged no unexpected error', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const runs = host.logs.filter((log) => log.message.startsWith("Executing 'Functions.queueWork'"));
    expect(runs).toHaveLength(1);
    expect(host.logs.filter((log) => log.message.startsWith('Unexpected error'))).toEqual([]);
    expect((await host.fetch('/api/hello?name=ok')).status).toBe(200);
  });
});
