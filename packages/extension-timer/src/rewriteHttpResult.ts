import { withResponseHeader } from '@azfx/extension-core';
import type { Cookie, HttpResponseInit } from '@azure/functions';
import { elapsedSuffix, serverTimingMetric, type Elapsed } from './formatting.js';
import { hasAppendableInitBody, hasAppendableResponseBody } from './takesSuffix.js';

// How the timer adds to an HTTP response: what a function may return, the Server-Timing header, the suffix at the
// end of a body and the one Content-Length rule. Everything the timer does to headers and bodies is in this module;
// adding the header alone (the defaults) is the SDK's `withResponseHeader`, the rule every extension uses.

/**
 * What to add to one HTTP response. It carries the measurement rather than the text to add: a response formats
 * only what it takes (most responses take no suffix, a 204 for no result takes nothing at all), so nothing is
 * formatted on an invocation for nothing.
 */
export interface HttpRewrite {
  readonly elapsed: Elapsed;
  /** Append ` (TimeElapsed: <seconds> sec)` to a text body; otherwise every body is left as it is. */
  readonly appendToBody?: boolean | undefined;
  /** The name of the Server-Timing metric to add; `undefined` adds none. */
  readonly serverTimingName?: string | undefined;
  /** The request's method: the response to a HEAD request has no body to append to. */
  readonly requestMethod?: string | undefined;
}

/**
 * What the library accepts as an HTTP response besides a plain `HttpResponseInit`: its own `HttpResponse`, and
 * anything shaped like a fetch `Response` (a native `Response`, or an `HttpResponse` of another copy of the
 * library), which it reads property by property.
 *
 * Recognised by shape, not with `instanceof HttpResponse`: the library is CommonJS and Node cannot see its class
 * exports from an ES module (`import { HttpResponse } from '@azure/functions'` fails at load time there), and an
 * app may hold more than one copy of it.
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream | null;
  readonly bodyUsed: boolean;
  readonly cookies?: Cookie[];
  readonly enableContentNegotiation?: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Whether a function's return value is a response the timer can add to, for a function whose return binding is
 * `http`. Not one: no result (the host answers 204) or a value the library rejects. A type guard rather than a
 * wrapper around the value, so sorting a result allocates nothing on an invocation.
 */
export function isHttpResponseValue(result: unknown): result is ResponseLike | HttpResponseInit {
  return result !== null && typeof result === 'object' && !isThenable(result);
}

/** Among response values: an `HttpResponse` or fetch `Response`; anything else is read as an `HttpResponseInit`. */
export function isResponseLike(value: ResponseLike | HttpResponseInit): value is ResponseLike {
  const candidate = value as Partial<Record<keyof ResponseLike, unknown>>;
  return (
    candidate.headers instanceof Headers &&
    typeof candidate.status === 'number' &&
    typeof candidate.arrayBuffer === 'function' &&
    typeof candidate.bodyUsed === 'boolean'
  );
}

// The library awaits the handler, so a result is never a promise; one set by a misbehaving hook is not a response.
function isThenable(value: object): boolean {
  return typeof (value as { then?: unknown }).then === 'function';
}

export const SERVER_TIMING_HEADER = 'Server-Timing';

/**
 * Adds a metric to the header, after any metrics already there (the handler's own, or another extension's):
 * Server-Timing is a list, and replacing it would silently drop someone else's measurements.
 */
export function appendServerTiming(headers: Headers, metric: string): void {
  headers.append(SERVER_TIMING_HEADER, metric);
}

/**
 * The one Content-Length rule, for every kind of response: a declared length is made to count the suffix's bytes
 * too. A value that is not a length (the header is the handler's own, never checked by the library) is dropped
 * instead: the response is then sent without one (chunked), which is always correct, where a wrong length would
 * cut the body short or fail the response.
 */
export function lengthenContentLength(headers: Headers, addedBytes: number): void {
  const declared = headers.get('content-length');
  if (declared === null) return;
  if (/^\s*\d+\s*$/.test(declared)) {
    headers.set('content-length', String(Number(declared) + addedBytes));
  } else {
    headers.delete('content-length');
  }
}

/**
 * A stream step that passes every chunk on as it comes and adds `suffix` after the last one: the body is never
 * held back, so a streamed response reaches the client as its handler produces it, and a stream that never ends
 * is never waited for. A body that turns out to be empty stays empty (there is no text to append to).
 */
export function appendAtEnd(suffix: Uint8Array): TransformStream<Uint8Array, Uint8Array> {
  let sawBytes = false;
  return new TransformStream({
    transform(chunk, controller) {
      if (chunk.byteLength !== 0) sawBytes = true;
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (sawBytes) controller.enqueue(suffix);
    },
  });
}

// Responses this module made carry a private mark. If one comes back (an outer extension cached it and answers
// with it again), it already carries a measurement, and measuring it again would stack a second suffix onto its
// body. The mark is a private field, added to the response by the one way JavaScript allows on an object a class
// did not make: a base constructor that returns it, so that the subclass's field is defined on it. Invisible to
// every other piece of code (no property, no key, no equality test sees it), and gone with its response, so no
// invocation leaves anything behind.
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- its constructor is the whole point
class ReturnsItsArgument {
  constructor(value: object) {
    return value;
  }
}

class MarkedByTimer extends ReturnsItsArgument {
  readonly #measured = true;

  static mark<T extends object>(response: T): T {
    // Adding the field twice would throw; every response marked here is a new one, but a throw must never be how
    // that assumption fails.
    if (!(#measured in response)) new MarkedByTimer(response);
    return response;
  }

  static isMarked(value: object): boolean {
    return #measured in value;
  }
}

/**
 * Adds the elapsed time to the result of a function whose return binding is `http`. Returns the result itself
 * when there is nothing to add to it, otherwise a new response: the handler's own object is never modified.
 *
 * Synchronous: no body is read here (an `HttpResponse` body is passed through a stream step that appends the
 * suffix as it flows), so the post phase costs no extra turn of the event loop and a streamed body is never held.
 */
export function rewriteHttpResult(result: unknown, rewrite: HttpRewrite): unknown {
  if (rewrite.appendToBody !== true && rewrite.serverTimingName === undefined) return result;

  if (!isHttpResponseValue(result) || MarkedByTimer.isMarked(result)) return result;
  if (rewrite.appendToBody !== true && rewrite.serverTimingName !== undefined) {
    // Only a header to add (the defaults): the SDK's rule for adding a header to whatever the handler returned, in
    // the form it used (a copy of a plain header object, the common case, costs a fraction of a `Headers`).
    const metric = serverTimingMetric(rewrite.serverTimingName, rewrite.elapsed);
    const response = withResponseHeader(result, SERVER_TIMING_HEADER, metric, 'append');
    return response === result ? response : remember(response as object);
  }
  if (!isResponseLike(result)) return remember(rewriteHttpResponseInit(result, rewrite));
  const response = rewriteResponseLike(result, rewrite);
  return response === result ? response : remember(response);
}

function remember<T extends object>(response: T): T {
  return MarkedByTimer.mark(response);
}

/**
 * Returns a new `HttpResponseInit`: the caller's object is never modified, so an object the handler returns
 * again (a cached response, a constant) cannot accumulate suffixes or header entries.
 */
function rewriteHttpResponseInit(init: HttpResponseInit, rewrite: HttpRewrite): HttpResponseInit {
  const headers = new Headers(init.headers);
  if (rewrite.serverTimingName !== undefined) {
    appendServerTiming(headers, serverTimingMetric(rewrite.serverTimingName, rewrite.elapsed));
  }
  if (rewrite.appendToBody === true && hasAppendableInitBody(init, headers, rewrite.requestMethod)) {
    const suffix = elapsedSuffix(rewrite.elapsed);
    lengthenContentLength(headers, Buffer.byteLength(suffix));
    return copyOf(init, headers, `${init.body}${suffix}`);
  }
  return copyOf(init, headers, init.body);
}

/**
 * `{ ...init, headers, body }`, built the way V8 keeps fast. In Node 20, adding a property the source lacks to a
 * spread copy makes a new hidden class on every call (about 300 ns, against 25 for `Object.assign` onto a new
 * object and then the property; docs/performance.md), and a handler's `{ body }` lacks `headers`. `Object.assign`
 * sets what the spread defines, which differs only for an own `__proto__` key (from `JSON.parse`, say): that
 * object is spread. The body is set only when the init had one or it changes, as the spread would.
 */
function copyOf(init: HttpResponseInit, headers: Headers, body: HttpResponseInit['body']): HttpResponseInit {
  if (Object.hasOwn(init, '__proto__')) return { ...init, headers, ...(body === init.body ? {} : { body }) };
  const copy: HttpResponseInit = Object.assign({}, init);
  copy.headers = headers;
  if (body !== init.body) copy.body = body;
  return copy;
}

/**
 * Builds a new response of the same kind (an `HttpResponse` of the same class, so of the app's own copy of the
 * library) with the same status, headers, cookies and body, plus the timer's additions. The original's headers
 * are not touched (a response returned twice must not collect entries).
 *
 * The body is never read here. An `HttpResponse` does not tell what its body was made from, so its headers decide
 * (see takesSuffix.ts): a text body flows through a step that adds the suffix after its last byte (the suffix is
 * ASCII, so the bytes before it stay exactly as they were, whatever the text's encoding, UTF-16/32 aside), and any
 * other body is handed over as the stream it is. With HTTP streaming on, the client gets each chunk as the handler
 * produces it, and the suffix reports the time until the handler returned its response, not until the last byte.
 */
function rewriteResponseLike(response: ResponseLike, rewrite: HttpRewrite): ResponseLike | HttpResponseInit {
  // A body already read cannot be sent again; without the timer the library reports that, so leave it to it.
  if (response.bodyUsed) return response;

  const headers = new Headers(response.headers);
  if (rewrite.serverTimingName !== undefined) {
    appendServerTiming(headers, serverTimingMetric(rewrite.serverTimingName, rewrite.elapsed));
  }
  let body = response.body;
  if (rewrite.appendToBody === true && hasAppendableResponseBody(response, headers, rewrite.requestMethod)) {
    const suffix = Buffer.from(elapsedSuffix(rewrite.elapsed), 'utf8');
    lengthenContentLength(headers, suffix.byteLength);
    body = response.body.pipeThrough(appendAtEnd(suffix));
  }
  return rebuild(response, {
    status: response.status,
    headers,
    cookies: Array.isArray(response.cookies) ? response.cookies : [],
    enableContentNegotiation: response.enableContentNegotiation === true,
    body,
  });
}

type HttpResponseClass = new (init: HttpResponseInit) => ResponseLike;

function rebuild(response: ResponseLike, init: HttpResponseInit): ResponseLike | HttpResponseInit {
  // The library reads a fetch Response property by property, exactly like an HttpResponseInit.
  if (response instanceof Response) return init;
  const SameClass = response.constructor as HttpResponseClass;
  return new SameClass(init);
}
