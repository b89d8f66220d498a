import type { HttpRequest } from '@azure/functions';
import { checkContext, checkHeaderName, describe, helperError } from './helperArguments.js';

/**
 * Whether a trigger input is the library's `HttpRequest`. Told by shape rather than with `instanceof`: the library
 * is CommonJS (an ES module cannot import its classes by name), an app may hold more than one copy of it, and
 * up to 4.10 its requests carry the `Headers` of the undici it bundles, not Node's, so not even
 * `request.headers instanceof Headers` holds on every version the peer range allows.
 */
export function isHttpRequest(value: unknown): value is HttpRequest {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Record<keyof HttpRequest, unknown>>;
  return (
    typeof candidate.method === 'string' &&
    typeof candidate.url === 'string' &&
    isHeaders(candidate.headers) &&
    typeof candidate.query === 'object' &&
    typeof candidate.arrayBuffer === 'function'
  );
}

/**
 * A header of an HTTP trigger's request (repeated headers joined with `, `), or `null` when the request does not
 * carry it or the input is not an HTTP request (a timer, a queue message): `requestHeader(ctx.inputs[0], name)`
 * needs no trigger check of its own.
 */
export function requestHeader(input: unknown, name: string): string | null {
  checkHeaderName({ helper: 'requestHeader' }, name);
  return isHttpRequest(input) ? input.headers.get(name) : null;
}

/** How `readRequestBody` gives the body. */
export type RequestBodyFormat = 'bytes' | 'text' | 'json';

const BODY_FORMATS: readonly unknown[] = ['bytes', 'text', 'json'] satisfies RequestBodyFormat[];

/** A hook context whose inputs can still be replaced: `preInvocation` and `aroundHandler`. */
export interface RequestBodyContext {
  inputs: unknown[];
}

/**
 * Reads the body of the invocation's HTTP request (`ctx.inputs[0]`) and leaves it unread for the handler and the
 * hooks after this one. Where the library's request can be cloned (newer versions), a clone is read; otherwise
 * (older versions) the request is read and replaced in `ctx.inputs` by an equal one whose body is still unread.
 *
 * Call it from `preInvocation` or `aroundHandler` (before `next()`): after the handler has run, its body is gone.
 * As `'json'`, an empty or malformed body rejects with the JSON parser's error; the request stays readable.
 */
export function readRequestBody(ctx: RequestBodyContext, as: 'text'): Promise<string>;
export function readRequestBody(ctx: RequestBodyContext, as?: 'bytes'): Promise<Uint8Array>;
export function readRequestBody(ctx: RequestBodyContext, as: RequestBodyFormat): Promise<unknown>;
export async function readRequestBody(ctx: RequestBodyContext, as: RequestBodyFormat = 'bytes'): Promise<unknown> {
  const caller = checkContext('readRequestBody', ctx, 'a preInvocation or aroundHandler hook');
  if (!BODY_FORMATS.includes(as)) {
    throw helperError(caller, `${describe(as)} is not a body format`, 'Pass "bytes" (the default), "text" or "json".');
  }
  const inputs: unknown = ctx.inputs;
  const request = Array.isArray(inputs) ? (inputs[0] as unknown) : undefined;
  if (!isHttpRequest(request)) {
    throw helperError(
      caller,
      `the invocation's trigger input is ${describe(request)}, not an HTTP request`,
      'Check isHttpRequest(ctx.inputs[0]) first, or give the extension the scope { triggers: "httpTrigger" }.',
    );
  }
  if (request.bodyUsed) {
    throw helperError(
      caller,
      'the request body has already been read (by the function or an earlier hook), so nothing is left to read',
      'Read it with readRequestBody in preInvocation or in aroundHandler before next(), and nowhere else.',
    );
  }
  const bytes = await readWithoutConsuming(ctx, request);
  if (as === 'bytes') return bytes;
  // Decoded as fetch's text() and json() decode: UTF-8, a leading byte order mark dropped.
  const text = new TextDecoder().decode(bytes);
  return as === 'text' ? text : JSON.parse(text);
}

async function readWithoutConsuming(ctx: RequestBodyContext, request: HttpRequest): Promise<Uint8Array> {
  const { clone } = request as { clone?: unknown };
  if (typeof clone === 'function') {
    const copy = (clone as () => HttpRequest).call(request);
    return new Uint8Array(await copy.arrayBuffer());
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  ctx.inputs = [unreadCopy(request, bytes), ...ctx.inputs.slice(1)];
  return bytes;
}

type HttpRequestClass = new (init: object) => HttpRequest;

/**
 * A request of the same class (the app's own copy of the library) with the same method, URL, headers, query,
 * params and body. The library's constructor takes the worker's wire shape, which its versions without `clone()`
 * read as plain records; the host joins repeated query keys into one value, so a record loses nothing.
 */
function unreadCopy(request: HttpRequest, body: Uint8Array): HttpRequest {
  const SameClass = request.constructor as HttpRequestClass;
  return new SameClass({
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    query: Object.fromEntries(request.query.entries()),
    params: { ...request.params },
    ...(body.byteLength > 0 ? { body: { bytes: body } } : {}),
  });
}

/** A fetch `Headers` of any copy: Node's, or the one bundled by the library's own undici. */
export function isHeaders(value: unknown): value is Headers {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Record<keyof Headers, unknown>>;
  return (
    typeof candidate.get === 'function' &&
    typeof candidate.set === 'function' &&
    typeof candidate.append === 'function' &&
    typeof candidate.has === 'function' &&
    typeof candidate.entries === 'function'
  );
}
