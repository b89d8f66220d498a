import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTraceContext } from '../../app/traceContext.js';
import { adminRefusal } from './adminAccess.js';
import { BadRequestError, requestUrl } from './requestUrl.js';
import { serializeCookie } from './serializeCookie.js';
import { toHttpResponse } from './toHttpResponse.js';
import { queryRecord, rawHeadersRecord, toRpcHttpData } from './toRpcHttp.js';

function fakeRequest(url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1', method = 'GET'): IncomingMessage {
  return { url, method, headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('request conversion', () => {
  it('joins repeated query keys with commas, case-insensitively, keeping the first spelling', () => {
    expect(queryRecord(new URLSearchParams('a=1&b=x&A=2&a=3&empty=&plus=a+b'))).toEqual({ a: '1,2,3', b: 'x', empty: '', plus: 'a b' });
  });

  it('lower-cases header names and joins repeated headers', () => {
    expect(rawHeadersRecord(['X-One', 'a', 'Set-Cookie', 'p=1', 'set-cookie', 'q=2', 'Accept', 'x', 'ACCEPT', 'y', 'Constructor', 'c'])).toEqual({
      'x-one': 'a',
      'set-cookie': 'p=1,q=2',
      accept: 'x,y',
      constructor: 'c',
    });
  });

  it('builds RPC HTTP data with plain and nullable dictionaries, and no body when there is none', () => {
    const data = toRpcHttpData({ method: 'GET', url: new URL('http://h/api/x?q=1'), headers: { h: 'v' }, params: { id: '7' }, body: Buffer.alloc(0) });
    expect(data).toEqual({
      method: 'GET',
      url: 'http://h/api/x?q=1',
      headers: { h: 'v' },
      nullableHeaders: { h: { value: 'v' } },
      query: { q: '1' },
      nullableQuery: { q: { value: '1' } },
      params: { id: '7' },
      nullableParams: { id: { value: '7' } },
    });
    const withBody = toRpcHttpData({ method: 'POST', url: new URL('http://h/'), headers: {}, params: {}, body: Buffer.from('hi') });
    expect(Buffer.from(withBody.body?.bytes ?? []).toString()).toBe('hi');
  });

  it('keeps the path as received and treats // as a path, not a host', () => {
    expect(requestUrl(fakeRequest('/api/a%20b//c?x=1', { host: 'localhost:7071' }), 'fallback:1').href).toBe('http://localhost:7071/api/a%20b//c?x=1');
    expect(requestUrl(fakeRequest('//evil.example/api', { host: 'localhost:7071' }), 'fallback:1').host).toBe('localhost:7071');
    expect(requestUrl(fakeRequest('http://other/api/x?y', { host: 'h:1' }), 'fallback:1').href).toBe('http://h:1/api/x?y');
  });

  it('falls back to the bound address for a missing or unusable Host header', () => {
    expect(requestUrl(fakeRequest('/x', {}), '127.0.0.1:9').host).toBe('127.0.0.1:9');
    expect(requestUrl(fakeRequest('/x', { host: 'bad host/path' }), '127.0.0.1:9').host).toBe('127.0.0.1:9');
  });

  it('rejects request targets that are neither a path nor an http URL', () => {
    expect(() => requestUrl(fakeRequest('*', {}), 'h:1')).toThrow(BadRequestError);
    expect(() => requestUrl(fakeRequest('ftp://x/y', {}), 'h:1')).toThrow(BadRequestError);
  });
});

describe('response conversion', () => {
  it('gives 204 when there is no return value', () => {
    expect(toHttpResponse(undefined)).toEqual({ status: 204, headers: [], body: Buffer.alloc(0) });
  });

  it('keeps status, headers and body bytes, drops framing headers, and turns cookies into Set-Cookie values', () => {
    const response = toHttpResponse({
      http: {
        statusCode: '201',
        headers: { 'content-type': 'text/plain', 'content-length': '999', 'x-a': '1' },
        cookies: [{ name: 'c', value: 'v' }],
        body: { bytes: new Uint8Array([104, 105]) },
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers).toEqual([
      ['content-type', 'text/plain'],
      ['x-a', '1'],
      ['set-cookie', ['c=v; path=/']],
    ]);
    expect(response.body.toString()).toBe('hi');
  });

  it('refuses a status code the host cannot send', () => {
    expect(() => toHttpResponse({ http: { statusCode: 'abc' } })).toThrow('invalid HTTP status code: "abc"; use an integer from 200 to 999.');
    expect(() => toHttpResponse({ http: { statusCode: '99' } })).toThrow('invalid HTTP status code: "99"');
  });
});

describe('serializeCookie', () => {
  it('writes ASP.NET Core style cookies: escaped value, path=/ by default, lower-case attributes', () => {
    expect(serializeCookie({ name: 'a', value: 'x y;z!' })).toBe('a=x%20y%3Bz%21; path=/');
    expect(
      serializeCookie({
        name: 'b',
        value: 'v',
        domain: { value: 'example.com' },
        path: { value: '/api' },
        expires: { value: { seconds: 0 } },
        maxAge: { value: 60.7 },
        secure: { value: true },
        httpOnly: { value: true },
        sameSite: 'explicitNone',
      }),
    ).toBe('b=v; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=60; domain=example.com; path=/api; secure; samesite=none; httponly');
    expect(serializeCookie({ name: 'c', value: 'v', sameSite: 'none' })).toBe('c=v; path=/');
  });
});

describe('admin access', () => {
  const json = { host: 'localhost:7071', 'content-type': 'application/json' };
  const statusOf = (headers: Record<string, string>, remote = '127.0.0.1', key?: string, method = 'POST'): number | undefined =>
    adminRefusal(fakeRequest('/admin/functions/x', headers, remote, method), key)?.status;

  it('lets remote callers in only with the configured key', () => {
    expect(statusOf(json)).toBeUndefined();
    expect(statusOf(json, '10.0.0.5')).toBe(401);
    expect(statusOf({ ...json, 'x-functions-key': 'k' }, '10.0.0.5')).toBe(401);
    expect(statusOf({ ...json, 'x-functions-key': 'wrong' }, '10.0.0.5', 'k')).toBe(401);
    expect(statusOf({ ...json, host: 'devbox:7071', 'x-functions-key': 'k' }, '10.0.0.5', 'k')).toBeUndefined();
  });

  it('refuses what a web page can send: preflights, an Origin, non-JSON bodies, a rebound host name', () => {
    expect(statusOf(json, '127.0.0.1', undefined, 'OPTIONS')).toBe(403);
    expect(statusOf({ ...json, origin: 'https://evil.example' })).toBe(403);
    expect(statusOf({ ...json, origin: 'null' })).toBe(403);
    expect(statusOf({ host: 'localhost:7071', 'content-type': 'text/plain' })).toBe(415);
    expect(statusOf({ host: 'localhost:7071', 'content-type': 'application/x-www-form-urlencoded' })).toBe(415);
    expect(statusOf({ host: 'localhost:7071' })).toBe(415);
    expect(statusOf({ ...json, host: 'evil.example:7071' })).toBe(403);
    expect(statusOf({ ...json, host: '127.0.0.1.nip.io:7071' })).toBe(403);
    expect(statusOf({ 'content-type': 'application/json' })).toBe(403);
    expect(statusOf({ ...json, host: '127.0.0.1:7071' })).toBeUndefined();
    expect(statusOf({ ...json, host: '[::1]:7071' })).toBeUndefined();
    expect(statusOf({ ...json, 'content-type': 'Application/JSON; charset=utf-8' })).toBeUndefined();
    expect(statusOf({ host: 'localhost:7071' }, '127.0.0.1', undefined, 'GET')).toBeUndefined();
  });
});

describe('trace context', () => {
  it('starts a new W3C trace, or continues a valid incoming one with a new span', () => {
    const fresh = createTraceContext();
    expect(fresh.traceParent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(createTraceContext().traceParent).not.toBe(fresh.traceParent);

    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const continued = createTraceContext({ traceParent: incoming, traceState: 'k=v' });
    expect(continued.traceParent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(continued.traceParent).not.toBe(incoming);
    expect(continued.traceState).toBe('k=v');

    const invalid = createTraceContext({ traceParent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' });
    expect(invalid.traceParent).not.toContain('00000000000000000000000000000000');
  });

  it('reads a later traceparent version by its first four fields, and refuses what W3C calls invalid', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    // A future version may add fields; its trace id is kept, and only the sampled flag is carried into version 00.
    expect(createTraceContext({ traceParent: `cc-${traceId}-b7ad6b7169203331-09-what-the-future-has` }).traceParent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(createTraceContext({ traceParent: `01-${traceId}-b7ad6b7169203331-00` }).traceParent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    for (const invalid of [
      `ff-${traceId}-b7ad6b7169203331-01`, // version ff is forbidden
      `00-${traceId}-b7ad6b7169203331-01-extra`, // version 00 has exactly four fields
      `00-${traceId}-0000000000000000-01`, // an all-zero parent id
      `00-${traceId}-b7ad6b7169203331`, // no flags
    ]) {
      expect(createTraceContext({ traceParent: invalid }).traceParent, invalid).not.toContain(traceId);
    }
  });
});
