import { HttpResponse } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { hasAppendableInitBody, hasAppendableResponseBody } from './appendability.js';

// The same declarations, made by a string-bodied HttpResponseInit and by the HttpResponse the library builds
// from it, must get the same answer: the rule is one rule.
const declarations: [string, { status?: number; headers?: Record<string, string> }, string | undefined, boolean][] = [
  ['no Content-Type (sent as text/plain)', {}, 'GET', true],
  ['text/html', { headers: { 'content-type': 'text/html' } }, 'GET', true],
  ['text/plain in ISO-8859-1', { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }, 'POST', true],
  ['text/plain in UTF-16', { headers: { 'content-type': 'text/plain; charset=utf-16le' } }, 'GET', false],
  ['text/plain in UTF-32', { headers: { 'content-type': 'text/plain; charset="UTF-32"' } }, 'GET', false],
  ['text/event-stream', { headers: { 'content-type': 'text/event-stream' } }, 'GET', false],
  ['application/json', { headers: { 'content-type': 'application/json' } }, 'GET', false],
  ['text/plain compressed with gzip', { headers: { 'content-encoding': 'gzip' } }, 'GET', false],
  ['text/html compressed with br', { headers: { 'content-type': 'text/html', 'Content-Encoding': 'br' } }, 'GET', false],
  ['text/plain with Content-Encoding: identity', { headers: { 'content-encoding': 'identity' } }, 'GET', true],
  ['a 404 in text', { status: 404 }, 'GET', true],
  ['a 304', { status: 304 }, 'GET', false],
  ['a response to HEAD', {}, 'HEAD', false],
  ['a response to a lower-case head', {}, 'head', false],
];

describe('hasAppendableInitBody and hasAppendableResponseBody', () => {
  it.each(declarations)('agree on %s', (_name, declared, method, expected) => {
    const init = { ...declared, body: 'text' };
    const response = new HttpResponse(init);
    expect(hasAppendableInitBody(init, new Headers(init.headers), method)).toBe(expected);
    expect(hasAppendableResponseBody(response, response.headers, method)).toBe(expected);
  });
});

describe('hasAppendableInitBody', () => {
  it.each([
    ['an empty string', { body: '' }],
    ['a Buffer', { body: Buffer.from('text') }],
    ['a jsonBody next to a string body', { body: 'text', jsonBody: { a: 1 } }],
    ['a status given as the string "204"', { body: 'text', status: '204' as unknown as number }],
  ])('refuses %s', (_name, init) => {
    expect(hasAppendableInitBody(init, new Headers(), 'GET')).toBe(false);
  });

  it('takes a string body when jsonBody is null, as the library does', () => {
    expect(hasAppendableInitBody({ body: 'text', jsonBody: null }, new Headers(), 'GET')).toBe(true);
  });
});

describe('hasAppendableResponseBody', () => {
  it('refuses bytes without a Content-Type: the body was not a string', () => {
    const response = new HttpResponse({ body: Buffer.from('text') });
    expect(hasAppendableResponseBody(response, response.headers, 'GET')).toBe(false);
  });

  it('refuses a response without a body', () => {
    const response = new HttpResponse({ headers: { 'content-type': 'text/plain' } });
    expect(hasAppendableResponseBody(response, response.headers, 'GET')).toBe(false);
  });
});
