import { HttpResponse } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { hasAppendableInitBody, hasAppendableResponseBody, isAppendableTextType, isAsciiCompatibleCharset, isBodylessResponse, isIdentityEncoded, parseContentType } from './takesSuffix.js';

describe('parseContentType', () => {
  it('lower-cases the media type and reads the charset', () => {
    expect(parseContentType('Text/HTML; Charset="UTF-8"')).toEqual({ mediaType: 'text/html', charset: 'utf-8' });
  });

  it('has no charset when none is given', () => {
    expect(parseContentType('application/json')).toEqual({ mediaType: 'application/json', charset: undefined });
  });
});

describe('isAppendableTextType', () => {
  it.each(['text/plain', 'text/html; charset=utf-8', 'TEXT/CSV', 'text/markdown'])('%s is text', (value) => {
    expect(isAppendableTextType(parseContentType(value))).toBe(true);
  });

  it.each([
    'application/json',
    'application/problem+json',
    'application/x-www-form-urlencoded;charset=UTF-8',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'image/png',
    'text/event-stream',
    'application/xml',
    '',
  ])('%j is not text the suffix may be appended to', (value) => {
    expect(isAppendableTextType(parseContentType(value))).toBe(false);
  });
});

describe('isAsciiCompatibleCharset', () => {
  it.each([undefined, 'utf-8', 'iso-8859-1', 'us-ascii', 'windows-1252', 'shift_jis'])('%s is', (charset) => {
    expect(isAsciiCompatibleCharset(charset)).toBe(true);
  });

  it.each(['utf-16', 'utf-16le', 'utf16', 'utf-32be', 'ucs-2'])('%s is not', (charset) => {
    expect(isAsciiCompatibleCharset(charset)).toBe(false);
  });
});

describe('isIdentityEncoded', () => {
  it.each([null, '', 'identity', 'IDENTITY', ' identity ', 'identity, identity'])('takes %j as identity', (value) => {
    expect(isIdentityEncoded(value)).toBe(true);
  });

  it.each(['gzip', 'br', 'deflate', 'zstd', 'x-gzip', 'GZIP', 'identity, gzip', 'gzip, identity'])(
    'takes %j as a coding that changes the bytes',
    (value) => {
      expect(isIdentityEncoded(value)).toBe(false);
    },
  );
});

describe('isBodylessResponse', () => {
  it.each([204, 205, 304])('status %i has no body', (status) => {
    expect(isBodylessResponse(status, 'GET')).toBe(true);
  });

  it.each(['HEAD', 'head'])('a response to %s has no body', (method) => {
    expect(isBodylessResponse(200, method)).toBe(true);
  });

  it.each([200, 201, 206, 400, 404, 500])('status %i to GET has one', (status) => {
    expect(isBodylessResponse(status, 'GET')).toBe(false);
    expect(isBodylessResponse(status, undefined)).toBe(false);
  });
});

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
