import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';
import { isHttpRequest, readRequestBody, requestHeader } from './index.js';

// This suite also runs against @azure/functions 4.1.0 (vitest.lowest.config.ts), whose requests carry the Headers
// of the undici it bundles: everything below must hold there too.
useFreshRegistry();

const request = (init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new HttpRequest({
    method: init.method ?? 'POST',
    url: 'http://localhost:7071/api/orders?page=2',
    headers: init.headers ?? {},
    query: { page: '2' },
    params: { id: '7' },
    ...(init.body === undefined ? {} : { body: { string: init.body } }),
  });

/** The request the handler will receive, once a hook has run on the context. */
const handlerInput = (ctx: { inputs: unknown[] }) => ctx.inputs[0] as HttpRequest;

describe('isHttpRequest', () => {
  it("recognises the library's HttpRequest on every version, even where its headers are not Node's Headers", () => {
    const incoming = request();
    expect(isHttpRequest(incoming)).toBe(true);
    // The reason for the helper: on 4.1.0 this is false, and an `instanceof Headers` check silently skips the request.
    expect(incoming.headers instanceof Headers).toBe(process.env.AZFX_EXPECT_LIBRARY !== '4.1.0');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a timer input', { isPastDue: false, schedule: { adjustForDST: true } }],
    ['a queue message', 'hello'],
    ['a fetch Headers', new Headers()],
    ['a plain object shaped like a request without its methods', { method: 'GET', url: 'x', headers: new Headers(), query: {} }],
  ])('rejects %s', (_case, value) => {
    expect(isHttpRequest(value)).toBe(false);
  });
});

describe('requestHeader', () => {
  it('reads a header case-insensitively from an HTTP request', () => {
    expect(requestHeader(request({ headers: { 'X-Api-Key': 'k1' } }), 'x-api-key')).toBe('k1');
    expect(requestHeader(request({ headers: { 'x-api-key': 'k1' } }), 'X-API-KEY')).toBe('k1');
  });

  it('answers null for a missing header and for inputs that are not HTTP requests', () => {
    expect(requestHeader(request(), 'x-api-key')).toBeNull();
    expect(requestHeader({ isPastDue: false }, 'x-api-key')).toBeNull();
    expect(requestHeader(undefined, 'x-api-key')).toBeNull();
  });

  it.each([
    ['x y', '"x y" is not a valid HTTP header name'],
    ['', '"" is not a valid HTTP header name'],
    [42, 'number 42 is not a valid HTTP header name'],
  ])('refuses the header name %j, saying which names work', (name, problem) => {
    expect(() => requestHeader(request(), name as string)).toThrow(
      `requestHeader: ${problem}. Pass a name made of letters, digits and !#$%&'*+-.^_\`|~, e.g. "x-request-id".`,
    );
  });
});

describe('readRequestBody', () => {
  it('reads the body as bytes, text or JSON and leaves it unread for the handler', async () => {
    for (const as of ['bytes', 'text', 'json'] as const) {
      const ctx = { inputs: [request({ body: '{"order":1}' })] };
      const body: unknown = await readRequestBody(ctx, as);
      if (as === 'bytes') expect(new TextDecoder().decode(body as Uint8Array)).toBe('{"order":1}');
      else expect(body).toEqual(as === 'text' ? '{"order":1}' : { order: 1 });

      const seenByHandler = handlerInput(ctx);
      expect(seenByHandler.bodyUsed).toBe(false);
      expect(await seenByHandler.json()).toEqual({ order: 1 });
    }
  });

  it('keeps what the handler reads of the request: method, URL, headers, query, params and user', async () => {
    const principal = Buffer.from(JSON.stringify({ userId: 'u1', userDetails: 'ada', identityProvider: 'aad', userRoles: [] })).toString('base64');
    const ctx = { inputs: [request({ headers: { 'x-ms-client-principal': principal, 'x-a': '1' }, body: 'abc' }), 'second input'] };
    await readRequestBody(ctx, 'text');
    const [seen, second] = ctx.inputs as [HttpRequest, unknown];
    expect(second).toBe('second input');
    expect(seen).toMatchObject({ method: 'POST', url: 'http://localhost:7071/api/orders?page=2', params: { id: '7' } });
    expect(seen.headers.get('x-a')).toBe('1');
    expect(seen.query.get('page')).toBe('2');
    expect(seen.user?.id).toBe('u1');
    expect(await seen.text()).toBe('abc');
  });

  it('reads an empty body as nothing, and a GET request as having none', async () => {
    expect(await readRequestBody({ inputs: [request({ method: 'GET' })] }, 'text')).toBe('');
    const ctx = { inputs: [request({ method: 'GET' })] };
    expect((await readRequestBody(ctx)).byteLength).toBe(0);
    expect(await handlerInput(ctx).text()).toBe('');
  });

  it('rejects a malformed JSON body with the parser error and leaves the request readable', async () => {
    const ctx = { inputs: [request({ body: 'not json' })] };
    await expect(readRequestBody(ctx, 'json')).rejects.toThrow(SyntaxError);
    expect(await handlerInput(ctx).text()).toBe('not json');
  });

  it('lets a preInvocation hook read the body and the handler read it again, in a real invocation', async () => {
    const seenByHook: unknown[] = [];
    defineExtension({
      name: 'body-logger',
      async preInvocation(ctx) {
        seenByHook.push(await readRequestBody(ctx, 'json'));
      },
    }).configure();

    const outcome = await runInvocation({
      inputs: [request({ body: '{"order":1}' })],
      handler: async (incoming: HttpRequest) => ({ jsonBody: await incoming.json() }),
    });

    expect(seenByHook).toEqual([{ order: 1 }]);
    expect(outcome).toMatchObject({ failed: false, result: { jsonBody: { order: 1 } } });
  });

  it('refuses a body that was already read, naming the extension and where to read it instead', async () => {
    const incoming = request({ body: 'abc' });
    await incoming.text();
    await expect(readRequestBody({ extension: 'audit', inputs: [incoming] } as never, 'text')).rejects.toThrow(
      'readRequestBody (extension "audit"): the request body has already been read (by the function or an earlier hook), so nothing is left to read. Read it with readRequestBody in preInvocation or in aroundHandler before next(), and nowhere else.',
    );
  });

  it('refuses an invocation that is not HTTP, a bad format and a missing context, saying what to do', async () => {
    await expect(readRequestBody({ inputs: [{ isPastDue: false }] })).rejects.toThrow(
      'readRequestBody: the invocation\'s trigger input is an object, not an HTTP request. Check isHttpRequest(ctx.inputs[0]) first, or give the extension the scope { triggers: "httpTrigger" }.',
    );
    await expect(readRequestBody({ inputs: [request()] }, 'xml' as 'text')).rejects.toThrow(
      'readRequestBody: "xml" is not a body format. Pass "bytes" (the default), "text" or "json".',
    );
    await expect(readRequestBody(request() as never)).rejects.toThrow(/^readRequestBody: the invocation's trigger input is undefined/);
    await expect(readRequestBody(undefined as never)).rejects.toThrow(
      "readRequestBody: expected the hook's context as its first argument, got undefined. Call it as readRequestBody(ctx, …) from a preInvocation or aroundHandler hook.",
    );
  });
});
