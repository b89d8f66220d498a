import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';

interface Echo {
  functionName: string;
  method: string;
  params: Record<string, string>;
}

// The route matcher is unit-tested in src/routing; these requests check that the host uses it end to end.
describe('HTTP routing of a running app', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  async function route(path: string, method = 'GET'): Promise<{ status: number; echo?: Echo; body: string }> {
    const res = await host.fetch(path, { method });
    const body = await res.text();
    const echo = res.headers.get('content-type')?.includes('json') ? (JSON.parse(body) as Echo) : undefined;
    return echo ? { status: res.status, echo, body } : { status: res.status, body };
  }

  it.each([
    ['/api/products/42', 'productById', { id: '42' }],
    ['/api/products/new', 'productNew', {}],
    ['/api/products/shoes', 'productList', { category: 'shoes' }],
    ['/api/products', 'productList', {}],
    ['/api/catalog', 'catalog', { section: 'books' }],
    ['/api/catalog/music', 'catalog', { section: 'music' }],
    ['/api/catalog/music/3', 'catalog', { section: 'music', page: '3' }],
    ['/api/echo/a/b%20c/', 'echo', { rest: 'a/b c/' }],
    ['/API/Products/7', 'productById', { id: '7' }],
  ])('%s → %s %j', async (path, functionName, params) => {
    const { status, echo } = await route(path);
    expect(status).toBe(200);
    expect(echo?.functionName).toBe(functionName);
    expect(echo?.params).toEqual(params);
  });

  it.each([
    ['/api/products/12abc', 'GET', 'no constraint matches'],
    ['/api/catalog/music/0', 'GET', 'min(1) fails'],
    ['/api/Orders/0b6a3b1e-6a36-4a43-9f42-4a3e8e4f2b11', 'GET', 'method not allowed is 404, not 405'],
    ['/api/Orders/not-a-guid', 'POST', 'guid constraint fails'],
    ['/products/42', 'GET', 'the route prefix is required'],
    ['/api/unknown', 'GET', 'no such route'],
  ])('%s %s → 404 with an empty body (%s)', async (path, method) => {
    const { status, body } = await route(path, method);
    expect(status).toBe(404);
    expect(body).toBe('');
  });

  it('matches a guid route with its method', async () => {
    const { status, echo } = await route('/api/orders/0B6A3B1E-6A36-4A43-9F42-4A3E8E4F2B11', 'POST');
    expect(status).toBe(200);
    expect(echo?.params).toEqual({ orderId: '0B6A3B1E-6A36-4A43-9F42-4A3E8E4F2B11' });
  });

  it('lets a function without methods take every method', async () => {
    for (const method of ['DELETE', 'OPTIONS', 'PUT']) {
      const { status, echo } = await route('/api/any', method);
      expect(status).toBe(200);
      expect(echo?.method).toBe(method);
    }
  });

  it('serves the host home page at the root', async () => {
    const res = await host.fetch('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your Functions app is up and running');
  });

  it('lists every function with its methods, URL and auth level, Core Tools style', () => {
    const port = new URL(host.url).port;
    const lines = host.logs.filter((log) => log.source === 'host').map((log) => log.message);
    expect(lines).toContain('Functions:');
    expect(lines).toContain(`\thello: [GET,POST] http://localhost:${port}/api/hello (authLevel: anonymous)`);
    expect(lines).toContain(`\tcatalog: [GET] http://localhost:${port}/api/catalog/{section=books}/{page:int:min(1)?} (authLevel: anonymous)`);
    expect(lines).toContain(`\tanyMethod: [ALL METHODS] http://localhost:${port}/api/any (authLevel: anonymous)`);
    expect(lines).toContain('\ttick: timerTrigger');
    expect(lines).toContain('\tqueueWork: queueTrigger (not emulated: see below)'); // azfx #14: marked
    expect(host.functions).toContainEqual({
      name: 'productList',
      triggerType: 'httpTrigger',
      methods: ['GET'],
      route: 'products/{category:alpha?}',
      url: `${host.url}/api/products/{category:alpha?}`,
      authLevel: 'anonymous',
    });
  });

  it("lists HTTP functions first, then the others, each by name ignoring case, as Core Tools does, not in the app's order", () => {
    const lines = host.logs.filter((log) => log.source === 'host').map((log) => log.message);
    const listed = lines.slice(lines.indexOf('Functions:') + 1);
    const names = listed.slice(0, listed.findIndex((line) => !line.startsWith('\t'))).map((line) => line.slice(1, line.indexOf(':')));
    expect(names).toEqual([
      'anyMethod', 'binary', 'boom', 'catalog', 'cookies', 'echo', 'env', 'events', 'hello', 'lateLog', 'noContent', 'nothing',
      'notModified', 'orders', 'postThrows', 'preThrows', 'productById', 'productList', 'productNew', 'rescued', 'secretLog',
      'slow', 'wrapped',
      'fanOut', 'queueWork', 'startupTick', 'tick',
    ]);
  });
});
