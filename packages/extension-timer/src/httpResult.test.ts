import { HttpResponse } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { isHttpResponseValue, isResponseLike } from './httpResult.js';

describe('isHttpResponseValue', () => {
  it.each([
    ['an HttpResponse', new HttpResponse({ body: 'hi' })],
    ['a fetch Response', new Response('hi')],
    ['an HttpResponseInit', { body: 'hi', status: 201 }],
    ['an empty object', {}],
  ])('takes %s as a response', (_name, result) => {
    expect(isHttpResponseValue(result)).toBe(true);
  });

  it.each([undefined, null, 'text', 42, true])('has nothing to add to %j', (result) => {
    expect(isHttpResponseValue(result)).toBe(false);
  });

  it('does not take a promise for a response', () => {
    expect(isHttpResponseValue(Promise.resolve({ body: 'x' }))).toBe(false);
  });
});

describe('isResponseLike', () => {
  it('recognises an HttpResponse instance', () => {
    expect(isResponseLike(new HttpResponse({ body: 'hi' }))).toBe(true);
  });

  it('recognises a fetch Response, which the library also accepts', () => {
    expect(isResponseLike(new Response('hi'))).toBe(true);
  });

  it('reads any other object as an HttpResponseInit, as the library does', () => {
    expect(isResponseLike({ body: 'hi', status: 201 })).toBe(false);
    expect(isResponseLike({ headers: { 'content-type': 'text/plain' }, status: 200 })).toBe(false);
    expect(isResponseLike({})).toBe(false);
  });
});
