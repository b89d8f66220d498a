import { Readable } from 'node:stream';
import type { HttpResponseInit } from '@azure/functions';
import { HttpResponse } from '@azure/functions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elapsedBetween } from './formatting.js';
import { rewriteHttpResult } from './rewriteHttpResult.js';
import { toWire } from './testSupport/toWire.js';

// The invariant users rely on: the timer adds exactly its suffix to text and not one byte anywhere else.

const elapsed = elapsedBetween(0n, 12_345_000n);
const suffix = ' (TimeElapsed: 0.012345 sec)';
const metric = 'total;dur=12.345';
const both = { elapsed, appendToBody: true, serverTimingName: 'total' };

interface BodyCase {
  readonly kind: string;
  /** Called once per response built: streams and FormData cannot be sent twice. */
  readonly make: () => Pick<HttpResponseInit, 'body' | 'jsonBody'>;
}

const bytes = fc.uint8Array({ maxLength: 64 });
// Node's fetch never finishes reading an async iterable that yields an empty chunk (with or without the timer),
// so iterable streams get non-empty chunks.
const chunk = fc.uint8Array({ minLength: 1, maxLength: 32 });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const mediaTypes = [
  'text/plain',
  'text/html; charset=utf-8',
  'text/csv',
  'text/event-stream',
  'text/plain; charset=utf-16le',
  'application/json',
  'application/problem+json',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'image/png',
];

const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(
  text.map((value) => ({ kind: 'string', make: () => ({ body: value }) })),
  // The library ignores a null jsonBody and sends body.
  text.map((value) => ({ kind: 'string', make: () => ({ body: value, jsonBody: null }) })),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'jsonBody', make: () => ({ jsonBody: value }) })),
  fc.tuple(fc.jsonValue({ maxDepth: 1 }).filter((json) => json !== null), text).map(([json, value]) => ({
    kind: 'jsonBody+string',
    make: () => ({ jsonBody: json, body: value }),
  })),
  bytes.map((value) => ({ kind: 'Buffer', make: () => ({ body: Buffer.from(value) }) })),
  bytes.map((value) => ({ kind: 'Uint8Array', make: () => ({ body: Uint8Array.from(value) }) })),
  bytes.map((value) => ({ kind: 'ArrayBuffer', make: () => ({ body: Uint8Array.from(value).buffer }) })),
  bytes.map((value) => ({ kind: 'DataView', make: () => ({ body: new DataView(Uint8Array.from(value).buffer) }) })),
  fc.tuple(bytes, fc.constantFrom('', ...mediaTypes)).map(([value, type]) => ({
    kind: 'Blob',
    make: () => ({ body: new Blob([Uint8Array.from(value)], { type }) }),
  })),
  fc.array(bytes, { maxLength: 3 }).map((chunks) => ({
    kind: 'ReadableStream',
    make: () => ({
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(Uint8Array.from(chunk));
          controller.close();
        },
      }),
    }),
  })),
  fc.array(chunk, { maxLength: 3 }).map((chunks) => ({
    kind: 'Readable',
    make: () => ({ body: Readable.from(chunks.map((chunk) => Buffer.from(chunk))) }),
  })),
  fc.array(chunk, { maxLength: 3 }).map((chunks) => ({
    kind: 'AsyncIterable',
    make: () => ({
      body: (async function* () {
        for (const chunk of chunks) yield Uint8Array.from(chunk);
        await Promise.resolve();
      })(),
    }),
  })),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), text, { maxKeys: 3 }).map((fields) => ({
    kind: 'FormData',
    make: () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return { body: form };
    },
  })),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 3 }).map((fields) => ({
    kind: 'URLSearchParams',
    make: () => ({ body: new URLSearchParams(fields) }),
  })),
  fc.constantFrom(undefined, null).map((value) => ({ kind: String(value), make: () => ({ body: value }) })),
);

const responseCase = fc.record({
  body: bodyCase,
  contentType: fc.option(fc.constantFrom(...mediaTypes), { nil: undefined }),
  existingServerTiming: fc.option(fc.constantFrom('db;dur=2', 'cache;desc="hit"'), { nil: undefined }),
  contentEncoding: fc.option(fc.constantFrom('gzip', 'br', 'identity', 'IDENTITY', 'gzip, identity'), {
    nil: undefined,
  }),
  status: fc.constantFrom(200, 201, 204, 205, 304, 400, 404, 500),
  method: fc.constantFrom('GET', 'POST', 'HEAD'),
  asInstance: fc.boolean(),
});
type ResponseCase = typeof responseCase extends fc.Arbitrary<infer T> ? T : never;

function buildResult(c: ResponseCase): HttpResponseInit | HttpResponse {
  const headers: Record<string, string> = {};
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  if (c.existingServerTiming !== undefined) headers['server-timing'] = c.existingServerTiming;
  if (c.contentEncoding !== undefined) headers['content-encoding'] = c.contentEncoding;
  const init: HttpResponseInit = { ...c.body.make(), status: c.status, headers };
  return c.asInstance ? new HttpResponse(init) : init;
}

/** The specification, written from the inputs, not from the implementation's helpers. */
function expectsSuffix(c: ResponseCase, sent: { headers: Headers; bytes: Buffer }): boolean {
  if ([204, 205, 304].includes(c.status) || c.method === 'HEAD' || sent.bytes.byteLength === 0) return false;
  // Compressed bytes take no text: only the identity coding leaves the body as it is.
  if (c.contentEncoding !== undefined && c.contentEncoding.toLowerCase() !== 'identity') return false;
  // Both kinds of response follow what they declare: text, in a charset that ASCII can be appended to.
  const contentType = sent.headers.get('content-type')?.toLowerCase();
  const isText = contentType?.startsWith('text/') === true && !contentType.startsWith('text/event-stream');
  if (!isText || contentType.includes('utf-16')) return false;
  // An HttpResponseInit shows its body: only a string body (no JSON) gets the suffix. An HttpResponse hides what
  // its body was made of, so its Content-Type alone decides.
  return c.asInstance || c.body.kind === 'string';
}

// FormData is sent as multipart with a random boundary per serialisation: compare with the boundary blanked out.
function comparable(c: ResponseCase, body: Buffer): Buffer {
  if (c.body.kind !== 'FormData' || body.byteLength === 0) return body;
  const boundary = body.subarray(0, body.indexOf('\r\n')).toString('latin1');
  return Buffer.from(body.toString('latin1').split(boundary).join('--BOUNDARY'), 'latin1');
}

describe('rewriteHttpResult, for any body, content type, status and method', () => {
  it('sends a text body as exactly original + suffix, and every other body byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(responseCase, async (c) => {
        const original = await toWire(buildResult(c));
        const rewritten = await toWire(
          await rewriteHttpResult(buildResult(c), { ...both, requestMethod: c.method }),
        );

        const expected = expectsSuffix(c, original)
          ? Buffer.concat([original.bytes, Buffer.from(suffix)])
          : original.bytes;
        expect(comparable(c, rewritten.bytes).equals(comparable(c, expected))).toBe(true);
        expect(rewritten.status).toBe(original.status);
        if (c.body.kind !== 'FormData') {
          expect(rewritten.headers.get('content-type')).toBe(original.headers.get('content-type'));
        }
        const serverTiming = c.existingServerTiming === undefined ? metric : `${c.existingServerTiming}, ${metric}`;
        expect(rewritten.headers.get('server-timing')).toBe(serverTiming);
      }),
      { numRuns: 300 },
    );
  });

  it('never adds a second suffix to a response it already rewrote', async () => {
    await fc.assert(
      fc.asyncProperty(responseCase, async (c) => {
        const rewrite = { ...both, requestMethod: c.method };
        const once = await rewriteHttpResult(buildResult(c), rewrite);
        expect(await rewriteHttpResult(once, rewrite)).toBe(once);
      }),
    );
  });
});
