import { describe, expect, it } from 'vitest';
import { httpRouteOf, requestAttributes, responseHeaderAttributes, responseStatusOf } from './httpAttributes.js';

const request = (url: string, headers: Record<string, string> = {}) => ({ method: 'GET', url, headers: new Headers(headers) });

describe('requestAttributes', () => {
  it.each([
    ['http://127.0.0.1:7071/api/orders?id=1&x=%20y', { 'url.scheme': 'http', 'url.path': '/api/orders', 'url.query': 'id=1&x=%20y', 'server.address': '127.0.0.1', 'server.port': 7071 }],
    ['https://Contoso.AzureWebsites.net/api/orders', { 'url.scheme': 'https', 'url.path': '/api/orders', 'server.address': 'contoso.azurewebsites.net', 'server.port': 443 }],
    ['http://[::1]:8080/a%2Fb/../c?', { 'url.path': '/a%2Fb/../c', 'server.address': '[::1]', 'server.port': 8080 }],
    ['http://user:pass@example.com', { 'url.path': '/', 'server.address': 'example.com', 'server.port': 80 }],
  ])('reads %s as the caller sent it', (url, expected) => {
    const attributes = requestAttributes(request(url), '/api/orders');
    expect(attributes).toMatchObject(expected);
    if (!('url.query' in expected)) expect(attributes).not.toHaveProperty('url.query');
  });

  it('records no URL parts for a URL that is not absolute, and the user agent when there is one', () => {
    const attributes = requestAttributes(request('/relative', { 'user-agent': 'curl/8' }), '/api/x');
    expect(attributes).toEqual({ 'http.request.method': 'GET', 'http.route': '/api/x', 'user_agent.original': 'curl/8' });
  });
});

describe('httpRouteOf', () => {
  it.each([
    ['orders', 'products/{id:int?}', 'api', '/api/products/{id:int?}'],
    ['orders', undefined, 'api', '/api/orders'],
    ['orders', '/v1/items/', '', '/v1/items'],
    ['orders', 'items', '/custom/', '/custom/items'],
  ])('%s with route %s under prefix %j is %s', (functionName, route, prefix, expected) => {
    expect(httpRouteOf(functionName, route, prefix)).toBe(expected);
  });
});

describe('responseStatusOf', () => {
  it.each([
    [undefined, false, 204],
    [null, false, 204],
    [{ body: 'x' }, false, 200],
    [{ status: 404 }, false, 404],
    [{ status: 200 }, true, 500],
    ['a string the library refuses', false, undefined],
    [{ status: '201' }, false, undefined],
  ])('%j (failed: %s) answers %s', (result, failed, expected) => {
    expect(responseStatusOf(result, failed)).toBe(expected);
  });
});

describe('responseHeaderAttributes', () => {
  it('reads plain header objects, Headers and lists of pairs, one array entry per value', () => {
    expect(responseHeaderAttributes({ headers: { 'X-A': 'one, two' } }, ['x-a'])).toEqual({ 'http.response.header.x-a': ['one', 'two'] });
    expect(responseHeaderAttributes({ headers: new Headers({ 'x-a': '1' }) }, ['x-a', 'x-b'])).toEqual({ 'http.response.header.x-a': ['1'] });
    expect(responseHeaderAttributes({ headers: [['x-a', '1']] }, ['x-a'])).toEqual({ 'http.response.header.x-a': ['1'] });
    expect(responseHeaderAttributes({ headers: { 'bad header': 'x' } }, ['x-a'])).toEqual({});
    expect(responseHeaderAttributes(undefined, ['x-a'])).toEqual({});
  });
});
