import { HttpResponse } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { classifyHttpResult } from './httpResult.js';

describe('classifyHttpResult', () => {
  it('recognises an HttpResponse instance', () => {
    const response = new HttpResponse({ body: 'hi' });
    expect(classifyHttpResult(response)).toEqual({ kind: 'response', response });
  });

  it('recognises a fetch Response, which the library also accepts', () => {
    const response = new Response('hi');
    expect(classifyHttpResult(response)).toEqual({ kind: 'response', response });
  });

  it('treats any other object as an HttpResponseInit, as the library does', () => {
    const init = { body: 'hi', status: 201 };
    expect(classifyHttpResult(init)).toEqual({ kind: 'init', init });
    expect(classifyHttpResult({})).toEqual({ kind: 'init', init: {} });
  });

  it.each([undefined, null, 'text', 42, true])('has nothing to add to %j', (result) => {
    expect(classifyHttpResult(result)).toEqual({ kind: 'none' });
  });

  it('does not take a promise for a response', () => {
    expect(classifyHttpResult(Promise.resolve({ body: 'x' }))).toEqual({ kind: 'none' });
  });
});
