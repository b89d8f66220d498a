import { HttpResponse, type HttpResponseInit } from '@azure/functions';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { elapsedBetween } from './formatting.js';
import { appendAtEnd, isHttpResponseValue, isResponseLike, lengthenContentLength, rewriteHttpResult } from './rewriteHttpResult.js';
import { toWire } from './testSupport/toWire.js';

const elapsed = elapsedBetween(0n, 1_234_000n);
const suffix = ' (TimeElapsed: 0.001234 sec)';
const metric = 'total;dur=1.234';
const both = { elapsed, appendToBody: true, serverTimingName: 'total' };

describe('rewriteHttpResult with HttpResponseInit objects', () => {
  it('adds Server-Timing to headers given as a plain object, after entries of any spelling, without touching them', async () => {
    const headers = { 'server-timing': 'db;dur=4', 'X-Other': 'kept' };
    const wire = await toWire(rewriteHttpResult({ body: 'x', headers }, { elapsed, serverTimingName: 'total' }));
    expect(wire.headers.get('server-timing')).toBe(`db;dur=4, ${metric}`);
    expect(wire.headers.get('x-other')).toBe('kept');
    expect(wire.text).toBe('x');
    expect(headers).toEqual({ 'server-timing': 'db;dur=4', 'X-Other': 'kept' });
  });

  it('appends the suffix to a text body and adds Server-Timing (the seed case)', async () => {
    const wire = await toWire(
      await rewriteHttpResult({ body: 'Hello, Azure. This HTTP triggered function executed successfully.' }, both),
    );
    expect(wire.text).toBe(`Hello, Azure. This HTTP triggered function executed successfully.${suffix}`);
    expect(wire.headers.get('server-timing')).toBe(metric);
    expect(wire.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });

  it('appends to the body when jsonBody is null, which the library ignores', async () => {
    const wire = await toWire(await rewriteHttpResult({ body: 'text', jsonBody: null }, both));
    expect(wire.text).toBe(`text${suffix}`);
  });

  it('keeps status, cookies and other properties', async () => {
    const cookies = [{ name: 'session', value: 'abc' }];
    const result = (await rewriteHttpResult(
      { status: 418, body: 'teapot', cookies, enableContentNegotiation: true, headers: { 'x-a': '1' } },
      both,
    )) as HttpResponseInit;
    expect(result).toMatchObject({ status: 418, body: `teapot${suffix}`, cookies, enableContentNegotiation: true });
    expect(new Headers(result.headers).get('x-a')).toBe('1');
  });

  it.each<[string, HttpResponseInit]>([
    ['a jsonBody', { jsonBody: { message: 'hi' } }],
    ['a jsonBody next to a string body', { jsonBody: [1, 2], body: 'ignored by the library' }],
    ['a string body typed application/json', { body: '{"a":1}', headers: { 'Content-Type': 'application/json' } }],
    ['a string body typed +json', { body: '{"a":1}', headers: [['content-type', 'application/problem+json']] }],
    ['a string body typed as XML', { body: '<a/>', headers: { 'content-type': 'application/xml' } }],
    ['a string body declared as UTF-16', { body: 'hi', headers: { 'content-type': 'text/plain; charset=utf-16le' } }],
    ['a string body with a Content-Encoding', { body: 'already br-encoded', headers: { 'content-encoding': 'br' } }],
    ['a Buffer', { body: Buffer.from('binary text') }],
    ['an empty string', { body: '' }],
    ['no body', { status: 200 }],
    ['URLSearchParams (form data, not prose)', { body: new URLSearchParams({ a: '1', b: 'x y' }) }],
    ['a 204 with a text body', { status: 204, body: 'dropped by the library' }],
    ['a 304', { status: 304, body: 'x' }],
    ['a 205', { status: 205, body: 'x' }],
  ])('keeps the bytes of %s and adds only the header', async (_name, init) => {
    const before = await toWire(init);
    const after = await toWire(await rewriteHttpResult(init, both));
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.status).toBe(before.status);
    expect(after.headers.get('content-type')).toBe(before.headers.get('content-type'));
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('hands a stream body over untouched, without reading it', async () => {
    const body = Readable.from([Buffer.from('chunk 1 '), Buffer.from('chunk 2')]);
    const init = { body, headers: { 'content-type': 'text/plain' } };
    const result = (await rewriteHttpResult(init, both)) as HttpResponseInit;
    expect(result.body).toBe(body);
    expect(body.readableDidRead).toBe(false);
    expect((await toWire(result)).text).toBe('chunk 1 chunk 2');
  });

  it('keeps the body of a response to HEAD', async () => {
    const after = await toWire(await rewriteHttpResult({ body: 'x' }, { ...both, requestMethod: 'HEAD' }));
    expect(after.text).toBe('x');
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('appends to an existing Server-Timing header instead of replacing it', async () => {
    const after = await toWire(
      await rewriteHttpResult({ body: 'x', headers: { 'Server-Timing': 'db;dur=3' } }, both),
    );
    expect(after.headers.get('server-timing')).toBe(`db;dur=3, ${metric}`);
  });

  it('corrects a Content-Length header, counting bytes not characters', async () => {
    const body = 'Grüße, 世界';
    const after = await toWire(
      await rewriteHttpResult({ body, headers: { 'content-length': String(Buffer.byteLength(body)) } }, both),
    );
    expect(after.headers.get('content-length')).toBe(String(after.bytes.byteLength));
    expect(after.text).toBe(body + suffix);
  });

  it('copies every own key of the init as a spread would, an own "__proto__" key too', async () => {
    const symbol = Symbol('mark');
    const copy = (await rewriteHttpResult({ body: 'x', status: 201, [symbol]: 'kept' }, both)) as HttpResponseInit & Record<symbol, unknown>;
    expect(copy[symbol]).toBe('kept');
    expect(copy.status).toBe(201);
    // JSON.parse makes "__proto__" an own key; copied by assignment, it would become the copy's prototype instead.
    const parsed = JSON.parse('{"body":"x","__proto__":{"status":500}}') as HttpResponseInit;
    const parsedCopy = (await rewriteHttpResult(parsed, both)) as HttpResponseInit;
    expect(Object.getPrototypeOf(parsedCopy)).toBe(Object.prototype);
    expect(Object.hasOwn(parsedCopy, '__proto__')).toBe(true);
    expect(parsedCopy.status).toBeUndefined();
    expect((await toWire(parsedCopy)).text).toBe(`x${suffix}`);
  });

  it('never modifies the object the handler returned', async () => {
    const headers = { 'x-a': '1' };
    const init = { body: 'same', headers };
    await rewriteHttpResult(init, both);
    expect(init).toEqual({ body: 'same', headers: { 'x-a': '1' } });
    expect(init.headers).toBe(headers);
  });

  it('gives an object returned twice one suffix and one metric each time', async () => {
    const cached = { body: 'cached' };
    await rewriteHttpResult(cached, both);
    const second = await toWire(await rewriteHttpResult(cached, both));
    expect(second.text).toBe(`cached${suffix}`);
    expect(second.headers.get('server-timing')).toBe(metric);
  });

  it('passes a response it made itself back unchanged', async () => {
    const once = await rewriteHttpResult({ body: 'x' }, both);
    const again = await rewriteHttpResult(once, { ...both, elapsed: elapsedBetween(0n, 9_000_000_000n) });
    expect(again).toBe(once);
    expect((await toWire(again)).text).toBe(`x${suffix}`);
  });

  it('adds only the header when no suffix is asked for', async () => {
    const after = await toWire(await rewriteHttpResult({ body: 'x' }, { elapsed, serverTimingName: 'total' }));
    expect(after.text).toBe('x');
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('adds only the suffix when no metric is asked for', async () => {
    const after = await toWire(await rewriteHttpResult({ body: 'x' }, { elapsed, appendToBody: true }));
    expect(after.text).toBe(`x${suffix}`);
    expect(after.headers.has('server-timing')).toBe(false);
  });

  it('returns the result itself when there is nothing to add', async () => {
    const init = { body: 'x' };
    expect(await rewriteHttpResult(init, { elapsed })).toBe(init);
  });

  it('rewrites an HttpResponseInit synchronously', () => {
    const result = rewriteHttpResult({ body: 'x' }, both);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({ body: `x${suffix}` });
  });

  it.each([undefined, null, 'a string', 7])('leaves %j alone', async (result) => {
    expect(await rewriteHttpResult(result, both)).toBe(result);
  });
});

describe('rewriteHttpResult with HttpResponse instances', () => {
  it('appends to a text body and builds a new HttpResponse with the same status, headers and cookies', async () => {
    const cookies = [{ name: 'a', value: 'b', path: '/x' }];
    const original = new HttpResponse({ status: 201, body: 'created', headers: { 'x-id': '7' }, cookies });
    const result = await rewriteHttpResult(original, both);
    expect(result).toBeInstanceOf(HttpResponse);
    expect(result).not.toBe(original);
    const rewritten = result as HttpResponse;
    expect(rewritten.status).toBe(201);
    expect(rewritten.cookies).toEqual(cookies);
    expect(rewritten.headers.get('x-id')).toBe('7');
    expect(rewritten.headers.get('server-timing')).toBe(metric);
    expect(await rewritten.text()).toBe(`created${suffix}`);
    expect(original.headers.has('server-timing')).toBe(false);
  });

  it('keeps the bytes of text in another ASCII-compatible charset', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1: not valid UTF-8
    const original = new HttpResponse({ body: latin1, headers: { 'content-type': 'text/plain; charset=iso-8859-1' } });
    const after = await toWire(await rewriteHttpResult(original, both));
    expect(after.bytes.equals(Buffer.concat([latin1, Buffer.from(suffix)]))).toBe(true);
  });

  it.each<[string, () => HttpResponse]>([
    ['jsonBody', () => new HttpResponse({ jsonBody: { a: 1 } })],
    ['a Buffer (no content type)', () => new HttpResponse({ body: Buffer.from([0, 1, 2, 255]) })],
    ['a stream', () => new HttpResponse({ body: Readable.from([Buffer.from('abc')]) })],
    [
      'a UTF-16 text body',
      () =>
        new HttpResponse({
          body: Buffer.from('hi', 'utf16le'),
          headers: { 'content-type': 'text/plain; charset=utf-16le' },
        }),
    ],
    ['URLSearchParams', () => new HttpResponse({ body: new URLSearchParams({ q: 'x' }) })],
    ['a 204', () => new HttpResponse({ status: 204 })],
    ['an empty text body', () => new HttpResponse({ body: '' })],
  ])('keeps the bytes of %s', async (_name, make) => {
    const before = await toWire(make());
    const after = await toWire(await rewriteHttpResult(make(), both));
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('keeps a gzip-compressed text body whole, so it still decompresses', async () => {
    const compressed = gzipSync('compressed text');
    const make = () =>
      new HttpResponse({ body: compressed, headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } });
    const after = await toWire(await rewriteHttpResult(make(), both));
    expect(after.bytes.equals(compressed)).toBe(true);
    expect(gunzipSync(after.bytes).toString()).toBe('compressed text');
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('appends to a text body whose Content-Encoding is identity', async () => {
    const original = new HttpResponse({ body: 'plain', headers: { 'content-encoding': 'identity' } });
    expect((await toWire(await rewriteHttpResult(original, both))).text).toBe(`plain${suffix}`);
  });

  it('does not read a body it keeps', async () => {
    const original = new HttpResponse({ body: Readable.from([Buffer.from('abc')]) });
    const result = (await rewriteHttpResult(original, both)) as HttpResponse;
    expect(result.bodyUsed).toBe(false);
    expect(await result.text()).toBe('abc');
  });

  it('corrects a Content-Length header', async () => {
    const original = new HttpResponse({ body: 'abc', headers: { 'content-length': '3' } });
    const rewritten = (await rewriteHttpResult(original, both)) as HttpResponse;
    expect(rewritten.headers.get('content-length')).toBe(String(3 + suffix.length));
  });

  it('grows a Content-Length as the suffix is appended to a streamed text body', async () => {
    const original = new HttpResponse({
      body: Readable.from([Buffer.from('ab'), Buffer.from('c')]),
      headers: { 'content-type': 'text/plain', 'content-length': '3' },
    });
    const after = await toWire(await rewriteHttpResult(original, both));
    expect(after.text).toBe(`abc${suffix}`);
    expect(after.headers.get('content-length')).toBe(String(after.bytes.byteLength));
  });

  it('drops a Content-Length that is not a length rather than send a wrong one', async () => {
    const original = new HttpResponse({ body: 'abc', headers: { 'content-length': 'three' } });
    const after = await toWire(await rewriteHttpResult(original, both));
    expect(after.text).toBe(`abc${suffix}`);
    expect(after.headers.has('content-length')).toBe(false);
  });

  it('leaves a text body declared empty by its Content-Length alone', async () => {
    const empty = () =>
      new ReadableStream({
        start(controller) {
          controller.close();
        },
      });
    const make = () =>
      new HttpResponse({ body: empty(), headers: { 'content-type': 'text/plain', 'content-length': '0' } });
    const after = await toWire(await rewriteHttpResult(make(), both));
    expect(after.bytes.byteLength).toBe(0);
    expect(after.headers.get('content-length')).toBe('0');
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('returns at once for a text stream that has not ended, and passes its chunks on as they come', async () => {
    let source: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        source = controller;
      },
    });
    const result = rewriteHttpResult(new HttpResponse({ body, headers: { 'content-type': 'text/plain' } }), both);
    expect(result).toBeInstanceOf(HttpResponse);
    const reader = (result as HttpResponse).body?.getReader();
    source?.enqueue(Buffer.from('first'));
    expect(Buffer.from((await reader?.read())?.value ?? []).toString()).toBe('first');
    source?.close();
    expect(Buffer.from((await reader?.read())?.value ?? []).toString()).toBe(suffix);
  });

  it('leaves a response whose body was already read to the library', async () => {
    const original = new HttpResponse({ body: 'read' });
    await original.text();
    expect(await rewriteHttpResult(original, both)).toBe(original);
  });

  it('rewrites a fetch Response too, which the library accepts as well', async () => {
    const after = await toWire(await rewriteHttpResult(new Response('native', { status: 202 }), both));
    expect(after.status).toBe(202);
    expect(after.text).toBe(`native${suffix}`);
    expect(after.headers.get('server-timing')).toBe(metric);
  });

  it('appends once to an HttpResponse it made itself', async () => {
    const once = await rewriteHttpResult(new HttpResponse({ body: 'x' }), both);
    expect(await rewriteHttpResult(once, both)).toBe(once);
  });
});

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

const suffixBytes = Buffer.from(' (TimeElapsed: 0.001234 sec)');

function streamOf(chunks: readonly string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(Buffer.from(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk).toString());
  return chunks;
}

describe('appendAtEnd', () => {
  it('passes every chunk on as it is and adds the suffixBytes after the last', async () => {
    expect(await collect(streamOf(['a', 'bc', 'd']).pipeThrough(appendAtEnd(suffixBytes)))).toEqual([
      'a',
      'bc',
      'd',
      suffixBytes.toString(),
    ]);
  });

  it('leaves an empty body empty', async () => {
    expect(await collect(streamOf([]).pipeThrough(appendAtEnd(suffixBytes)))).toEqual([]);
    expect(await collect(streamOf(['', '']).pipeThrough(appendAtEnd(suffixBytes)))).toEqual(['', '']);
  });

  it('hands a chunk on before the stream has ended', async () => {
    let source: ReadableStreamDefaultController<Uint8Array> | undefined;
    const open = new ReadableStream<Uint8Array>({
      start(controller) {
        source = controller;
      },
    });
    const reader = open.pipeThrough(appendAtEnd(suffixBytes)).getReader();
    source?.enqueue(Buffer.from('first'));
    const first = await reader.read();
    expect(Buffer.from(first.value ?? []).toString()).toBe('first');

    source?.close();
    expect(Buffer.from((await reader.read()).value ?? []).toString()).toBe(suffixBytes.toString());
    expect((await reader.read()).done).toBe(true);
  });

  it('cancels the source when the reader gives up, so a never-ending stream is not left running', async () => {
    let onCancel: (reason: unknown) => void = () => undefined;
    const cancelled = new Promise((resolve) => (onCancel = resolve));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(Buffer.from('tick '));
      },
      cancel: (reason) => {
        onCancel(reason);
      },
    });
    const reader = endless.pipeThrough(appendAtEnd(suffixBytes)).getReader();
    await reader.read();
    await reader.cancel('client went away');
    // The pipe passes the cancellation upstream on a later turn.
    expect(await cancelled).toBe('client went away');
  });
});

describe('lengthenContentLength', () => {
  it('adds the appended bytes to a declared length', () => {
    const headers = new Headers({ 'content-length': '10' });
    lengthenContentLength(headers, 28);
    expect(headers.get('content-length')).toBe('38');
  });

  it('adds no header when none was declared', () => {
    const headers = new Headers();
    lengthenContentLength(headers, 28);
    expect(headers.has('content-length')).toBe(false);
  });

  it.each(['ten', '-1', '1.5', '10, 10', ''])('drops %j, which is not a length, so the body is sent chunked', (value) => {
    const headers = new Headers({ 'content-length': value });
    lengthenContentLength(headers, 28);
    expect(headers.has('content-length')).toBe(false);
  });
});
