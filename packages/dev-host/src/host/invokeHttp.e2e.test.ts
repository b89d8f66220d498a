import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host, type HttpInvokeInput } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';

interface Echo {
  functionName: string;
  url: string;
  params: Record<string, string>;
  query: Record<string, string[]>;
}

// invoke() builds the request a real one would be: the same URL and route params as `fetch` of that URL.
describe('invoke() of an HTTP function', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  async function invokeEcho(name: string, input?: HttpInvokeInput): Promise<Echo> {
    const run = await host.invoke(name, input === undefined ? {} : { input });
    expect(run.failed).toBe(false);
    return (run.result as { jsonBody: Echo }).jsonBody;
  }

  async function fetchEcho(path: string): Promise<Echo> {
    const res = await host.fetch(path);
    expect(res.status).toBe(200);
    return (await res.json()) as Echo;
  }

  it.each([
    ['productById', '/api/products/7?a=1'],
    ['echo', '/api/echo/a/b%20c/'],
    ['catalog', '/api/catalog/music/3'],
    ['catalog', '/api/catalog'],
    ['productList', '/api/Products'],
  ])('%s with url %s gets the route params fetch gives', async (name, url) => {
    const fetched = await fetchEcho(url);
    expect(fetched.functionName).toBe(name);
    const invoked = await invokeEcho(name, { url });
    expect(invoked.params).toEqual(fetched.params);
    expect(invoked.url).toBe(fetched.url);
    expect(invoked.query).toEqual(fetched.query);
  });

  it('without a url, requests a URL that fits the route: defaults in, absent optional parameters out', async () => {
    expect(await invokeEcho('catalog')).toMatchObject({ url: `${host.url}/api/catalog/books`, params: { section: 'books' } });
    expect(await invokeEcho('productList')).toMatchObject({ url: `${host.url}/api/products`, params: {} });
    expect(await invokeEcho('echo')).toMatchObject({ url: `${host.url}/api/echo`, params: {} });
  });

  it('without a url, puts the params it is given into the URL', async () => {
    expect(await invokeEcho('productById', { params: { id: '9' } })).toMatchObject({ url: `${host.url}/api/products/9`, params: { id: '9' } });
    expect(await invokeEcho('echo', { params: { rest: 'a b/c' } })).toMatchObject({ url: `${host.url}/api/echo/a%20b/c`, params: { rest: 'a b/c' } });
  });

  it('uses url and params as they are when it is given both', async () => {
    expect(await invokeEcho('productById', { url: '/anywhere?x=1', params: { id: 'abc' } })).toMatchObject({
      url: `${host.url}/anywhere?x=1`,
      params: { id: 'abc' },
    });
  });

  it('refuses a route with a required parameter and neither url nor params, naming the parameter', async () => {
    await expect(host.invoke('productById')).rejects.toThrow(
      `"productById" has the route /api/products/{id:int}, with no value for {id}: pass input.url (a path that matches the route) or input.params.`,
    );
  });

  it('refuses a url that does not fit the route unless params are given too', async () => {
    await expect(host.invoke('productById', { input: { url: '/api/products/seven' } })).rejects.toThrow(
      `The url "/api/products/seven" does not match the route of "productById" (/api/products/{id:int}), so it has no route params: pass a url that matches the route, or pass input.params as well.`,
    );
  });

  it('refuses params that give a URL the route does not match', async () => {
    await expect(host.invoke('productById', { input: { params: { id: 'seven' } } })).rejects.toThrow(
      `The params {"id":"seven"} give the URL /api/products/seven, which the route of "productById" (/api/products/{id:int}) does not match: pass params that fit the route, or input.url as well.`,
    );
  });

  it('refuses a url or params of the wrong type', async () => {
    await expect(host.invoke('productById', { input: { url: 7 } })).rejects.toThrow('The url of HTTP function "productById" must be a string');
    await expect(host.invoke('productById', { input: { params: { id: 7 } } })).rejects.toThrow(
      'The params of HTTP function "productById" must be an object of strings',
    );
  });
});
