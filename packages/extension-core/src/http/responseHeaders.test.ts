import { HttpResponse, type HttpResponseInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';
import { appendResponseHeader, setResponseHeader, withResponseHeader } from './index.js';

// This suite also runs against @azure/functions 4.1.0 (vitest.lowest.config.ts), whose HttpResponse carries the
// Headers of the undici it bundles: everything below must hold there too.
useFreshRegistry();

/** What the library sends for a result: it turns anything but its own HttpResponse into one, as the worker does. */
async function asSent(result: unknown): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
}

const post = (result: unknown, triggerType = 'httpTrigger') => ({ extension: 'tagger', triggerType, result });

describe('setResponseHeader and appendResponseHeader', () => {
  it.each([
    ['headers as a plain object', { body: 'hi', headers: { 'Content-Type': 'text/plain', Vary: 'accept' } }],
    ['headers as a Headers', { body: 'hi', headers: new Headers({ 'content-type': 'text/plain', vary: 'accept' }) }],
    ['headers as an array of pairs', { body: 'hi', headers: [['content-type', 'text/plain'], ['vary', 'accept']] }],
    ['an HttpResponse', new HttpResponse({ body: 'hi', headers: { 'content-type': 'text/plain', vary: 'accept' } })],
    ['a fetch Response', new Response('hi', { headers: { 'content-type': 'text/plain', vary: 'accept' } })],
  ])('set and append a header on a response with %s, as the library sends it', async (_case, result) => {
    const ctx = post(result);
    setResponseHeader(ctx, 'x-request-id', 'r1');
    appendResponseHeader(ctx, 'vary', 'origin');
    setResponseHeader(ctx, 'Content-Type', 'text/plain; charset=utf-8');

    expect(await asSent(ctx.result)).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'accept, origin', 'x-request-id': 'r1' },
      body: 'hi',
    });
  });

  it("keeps an init's headers in the form the handler wrote them, so later hooks can read them as before", () => {
    const record = post({ headers: { Vary: 'accept' } });
    appendResponseHeader(record, 'vary', 'origin');
    expect(record.result).toEqual({ headers: { vary: 'accept, origin' } });

    const pairs = post({ headers: [['vary', 'accept']] });
    setResponseHeader(pairs, 'Vary', 'origin');
    expect(pairs.result).toEqual({ headers: [['Vary', 'origin']] });

    const headers = post({ headers: new Headers({ vary: 'accept' }) });
    appendResponseHeader(headers, 'vary', 'origin');
    expect((headers.result as { headers: unknown }).headers).toBeInstanceOf(Headers);
  });

  it("never modifies the handler's own object: one returned twice does not collect values", async () => {
    const init = { body: 'cached', headers: { vary: 'accept' } };
    const response = new HttpResponse({ body: 'cached', headers: { vary: 'accept' } });
    for (const result of [init, init]) appendResponseHeader(post(result), 'vary', 'origin');
    const first = post(response);
    appendResponseHeader(first, 'vary', 'origin');

    expect(init).toEqual({ body: 'cached', headers: { vary: 'accept' } });
    expect(response.headers.get('vary')).toBe('accept');
    expect(first.result).toBeInstanceOf(HttpResponse);
    expect((await asSent(first.result)).headers.vary).toBe('accept, origin');
  });

  it('keeps the status, cookies, JSON body and content negotiation of an HttpResponse', async () => {
    const cookies = [{ name: 'session', value: 's1' }];
    const ctx = post(new HttpResponse({ status: 201, jsonBody: { id: 7 }, cookies, enableContentNegotiation: true }));
    setResponseHeader(ctx, 'location', '/orders/7');
    const response = ctx.result as HttpResponse;
    expect(response).toMatchObject({ status: 201, cookies, enableContentNegotiation: true });
    expect(await asSent(response)).toMatchObject({ headers: { location: '/orders/7' }, body: '{"id":7}' });
  });

  it('gives a handler that returned nothing the same 204, with the header', async () => {
    for (const nothing of [undefined, null]) {
      const ctx = post(nothing);
      setResponseHeader(ctx, 'x-request-id', 'r1');
      expect(await asSent(ctx.result)).toEqual({ status: 204, headers: { 'x-request-id': 'r1' }, body: '' });
    }
  });

  it('leaves the results of other triggers, and results that are no response, alone', () => {
    const timer = post(undefined, 'timerTrigger');
    setResponseHeader(timer, 'x-request-id', 'r1');
    expect(timer.result).toBeUndefined();

    const queued = post({ id: 1 }, 'queueTrigger');
    appendResponseHeader(queued, 'x', '1');
    expect(queued.result).toEqual({ id: 1 });

    const text = post('not a response');
    setResponseHeader(text, 'x', '1');
    expect(text.result).toBe('not a response');
  });

  it('works from a postInvocation hook, on a short-circuit answer too', async () => {
    defineExtension({
      name: 'tagger',
      postInvocation(ctx) {
        setResponseHeader(ctx, 'x-tagged', 'yes');
      },
    }).configure();
    defineExtension({
      name: 'gate',
      preInvocation(ctx) {
        if (ctx.functionName === 'closed') ctx.respond({ status: 401 });
      },
    }).configure();

    const answered = await runInvocation({ handler: () => new HttpResponse({ body: 'ok' }) });
    const refused = await runInvocation({ functionName: 'closed' });

    expect(await asSent(answered.result)).toMatchObject({ status: 200, headers: { 'x-tagged': 'yes' }, body: 'ok' });
    expect(await asSent(refused.result)).toMatchObject({ status: 401, headers: { 'x-tagged': 'yes' } });
  });

  it.each([
    ['a name that is no HTTP token', 'x request', 'v', '"x request" is not a valid HTTP header name. Pass a name made of'],
    ['a value that is no string', 'x-count', 3, 'the value of header "x-count" is number 3, not a string. Pass a string (convert numbers with String(value)).'],
    ['a value with a line break', 'x-a', 'a\r\nset-cookie: x', 'the value of header "x-a" contains a line break or NUL character ("a\\r\\nset-cookie: x"). Remove CR, LF and NUL'],
  ])('refuses %s, naming the helper, the extension and the fix', (_case, name, value, message) => {
    expect(() => { setResponseHeader(post({}), name, value as string); }).toThrow(`setResponseHeader (extension "tagger"): ${message}`);
  });

  it('refuses a context without a result, saying which hooks have one', () => {
    expect(() => { appendResponseHeader({ inputs: [] } as never, 'x', '1'); }).toThrow(
      "appendResponseHeader: the context it was given has no triggerType and result. Pass the ctx of a postInvocation or onError hook, where the handler's result is known.",
    );
    expect(() => { appendResponseHeader(undefined as never, 'x', '1'); }).toThrow(/^appendResponseHeader: expected the hook's context/);
  });
});

describe('withResponseHeader', () => {
  it('adds to the result itself, as the context helpers do, for code that holds the result (an aroundHandler)', async () => {
    const init = { body: 'hi', headers: { vary: 'accept' } };
    const added = withResponseHeader(init, 'Vary', 'origin');
    expect(added).not.toBe(init);
    expect(init.headers).toEqual({ vary: 'accept' });
    expect(await asSent(withResponseHeader(added, 'x-request-id', 'r1', 'set'))).toEqual({
      status: 200,
      headers: { vary: 'accept, origin', 'x-request-id': 'r1', 'content-type': 'text/plain;charset=UTF-8' },
      body: 'hi',
    });
  });

  it('joins every spelling of the header in a plain object, and sets one replacing them all', () => {
    const headers = { 'server-timing': 'db;dur=1', 'Server-Timing': 'app;dur=2', other: 'x' };
    expect((withResponseHeader({ headers }, 'Server-Timing', 'total;dur=3') as HttpResponseInit).headers).toEqual({
      other: 'x',
      'Server-Timing': 'db;dur=1, app;dur=2, total;dur=3',
    });
    expect((withResponseHeader({ headers }, 'server-timing', 'total;dur=3', 'set') as HttpResponseInit).headers).toEqual({
      other: 'x',
      'server-timing': 'total;dur=3',
    });
  });

  it('copies every own key of a plain result as a spread would, an own "__proto__" key too', () => {
    const symbol = Symbol('mark');
    const init = { status: 201, body: 'x', [symbol]: 'kept' };
    const copy = withResponseHeader(init, 'x-id', '1') as Record<PropertyKey, unknown>;
    expect(copy).toEqual({ status: 201, body: 'x', headers: { 'x-id': '1' }, [symbol]: 'kept' });
    // JSON.parse makes "__proto__" an own key; copied by assignment, it would become the copy's prototype instead.
    const parsed = JSON.parse('{"body":"x","__proto__":{"status":500}}') as object;
    const parsedCopy = withResponseHeader(parsed, 'x-id', '1') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsedCopy)).toBe(Object.prototype);
    expect(Object.hasOwn(parsedCopy, '__proto__')).toBe(true);
    expect(parsedCopy.status).toBeUndefined();
    expect(parsedCopy.headers).toEqual({ 'x-id': '1' });
  });

  it('keeps the headers of a Map, which the library reads as pairs too, and leaves unreadable headers to the library', async () => {
    const result = { body: 'hi', headers: new Map([['vary', 'accept']]) };
    expect((await asSent(withResponseHeader(result, 'vary', 'origin'))).headers).toMatchObject({ vary: 'accept, origin' });
    const unreadable = { body: 'hi', headers: 42 };
    expect(withResponseHeader(unreadable, 'vary', 'origin')).toBe(unreadable);
  });

  it('refuses a bad name, value or change, naming itself and the fix', () => {
    expect(() => withResponseHeader({}, 'bad name', 'v')).toThrow(/^withResponseHeader: "bad name" is not a valid HTTP header name\. Pass a name/);
    expect(() => withResponseHeader({}, 'x-a', 'a\nb')).toThrow(/withResponseHeader: the value of header "x-a" contains a line break/);
    expect(() => withResponseHeader({}, 'x-a', 'v', 'add' as 'set')).toThrow(
      "withResponseHeader: the change \"add\" is neither 'set' nor 'append'. Pass 'set' to replace the header's values or 'append' to add one.",
    );
  });
});
