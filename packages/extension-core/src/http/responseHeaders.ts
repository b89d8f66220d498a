import type { HttpResponseInit } from '@azure/functions';
import { type Caller, checkContext, checkHeaderName, checkHeaderValue, helperError } from './helperArguments.js';
import { isHeaders } from './request.js';

/** A hook context that holds the invocation's result: `postInvocation` and `onError`. */
export interface ResponseContext {
  readonly triggerType: string;
  result: unknown;
}

/**
 * Sets a header on the HTTP response of the invocation (`ctx.result`), replacing any value it had. Does nothing for
 * other triggers, whose results are not responses. See `appendResponseHeader` for what it accepts.
 */
export function setResponseHeader(ctx: ResponseContext, name: string, value: string): void {
  changeResponseHeader('setResponseHeader', ctx, name, value, 'set');
}

/**
 * Adds a header value to the HTTP response of the invocation (`ctx.result`), after any the response already has
 * (`Server-Timing`, `Vary`). Does nothing for other triggers, whose results are not responses.
 *
 * Works on whatever the handler returned, on every library version: an `HttpResponseInit` (its `headers` a plain
 * object, a `Headers` or an array of pairs, kept in that form), an `HttpResponse`, a fetch `Response`, or nothing
 * (the host's 204, which then carries the header). The handler's own object is never modified: `ctx.result`
 * becomes a copy, so a response the handler returns again (a constant, a cache entry) never collects values.
 */
export function appendResponseHeader(ctx: ResponseContext, name: string, value: string): void {
  changeResponseHeader('appendResponseHeader', ctx, name, value, 'append');
}

/** Whether a header replaces the values a response has (`set`) or goes after them (`append`). */
export type HeaderChange = 'set' | 'append';
type Change = HeaderChange;

/**
 * The HTTP result `result` with a header set or added, as `setResponseHeader` and `appendResponseHeader` make it,
 * for code that holds the result itself rather than a post hook's context: an `aroundHandler` changing what
 * `next()` returned, or an extension that has already checked that the invocation is an HTTP one. Returns a new
 * value (the handler's own object is never modified); a value that is no response is returned as it is.
 */
export function withResponseHeader(result: unknown, name: string, value: string, change: HeaderChange = 'append'): unknown {
  const caller = WITH_RESPONSE_HEADER;
  checkHeaderName(caller, name);
  checkHeaderValue(caller, name, value);
  if ((change as unknown) !== 'set' && (change as unknown) !== 'append') {
    throw helperError(caller, `the change ${JSON.stringify(change)} is neither 'set' nor 'append'`, "Pass 'set' to replace the header's values or 'append' to add one.");
  }
  return withHeader(result, name, value, change);
}

// Made once: extensions call withResponseHeader on every invocation, and the caller is only read to word an error.
const WITH_RESPONSE_HEADER: Caller = { helper: 'withResponseHeader' };

function changeResponseHeader(helper: string, ctx: ResponseContext, name: string, value: string, change: Change): void {
  const caller = checkContext(helper, ctx, 'a postInvocation or onError hook');
  checkHeaderName(caller, name);
  checkHeaderValue(caller, name, value);
  if (typeof ctx.triggerType !== 'string' || !('result' in ctx)) {
    throw notAResultContext(caller);
  }
  if (ctx.triggerType !== 'httpTrigger') return;
  ctx.result = withHeader(ctx.result, name, value, change);
}

function notAResultContext(caller: Caller): TypeError {
  return helperError(
    caller,
    'the context it was given has no triggerType and result',
    "Pass the ctx of a postInvocation or onError hook, where the handler's result is known.",
  );
}

function withHeader(result: unknown, name: string, value: string, change: Change): unknown {
  // No result: the host answers 204 without a body; the same answer, with the header.
  if (result === undefined || result === null) return { status: 204, headers: { [name]: value } };
  // Anything else that is not an object, or a promise a misbehaving hook left, is no response: the library
  // reports it as the handler's mistake, so it is passed on as it is.
  if (typeof result !== 'object' || typeof (result as { then?: unknown }).then === 'function') return result;
  if (isResponseObject(result)) return rebuildResponse(result, name, value, change);
  const init = result as HttpResponseInit;
  const headers = withHeaderIn(init.headers, name, value, change);
  return headers === undefined ? result : initWithHeaders(init, headers);
}

/**
 * `{ ...init, headers }`, built the way V8 keeps fast. In Node 20, adding a property the source lacks to a spread
 * copy makes a new hidden class on every call (about 300 ns, against 25 for `Object.assign` onto a new object and
 * then the property; docs/performance.md), and a handler's `{ body }` lacks `headers`. `Object.assign` sets what
 * the spread defines, which differs only for an own `__proto__` key (from `JSON.parse`, say): that object is spread.
 */
function initWithHeaders(init: HttpResponseInit, headers: NonNullable<HeadersInit>): HttpResponseInit {
  if (Object.hasOwn(init, '__proto__')) return { ...init, headers };
  const copy: HttpResponseInit = Object.assign({}, init);
  copy.headers = headers;
  return copy;
}

/** An `HttpResponse` (of any copy and version of the library) or a fetch `Response`. */
interface ResponseObject {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream | null;
  readonly bodyUsed: boolean;
  readonly cookies?: HttpResponseInit['cookies'];
  readonly enableContentNegotiation?: boolean;
}

function isResponseObject(value: object): value is ResponseObject {
  const candidate = value as Partial<Record<keyof ResponseObject | 'arrayBuffer', unknown>>;
  return (
    typeof candidate.status === 'number' &&
    isHeaders(candidate.headers) &&
    typeof candidate.bodyUsed === 'boolean' &&
    typeof candidate.arrayBuffer === 'function'
  );
}

type HttpResponseClass = new (init: HttpResponseInit) => ResponseObject;

/**
 * A response object's headers may not be changed in place: a fetched `Response` has immutable headers, and one the
 * handler returns again would collect values. So a new one takes its status, headers, cookies and body.
 */
function rebuildResponse(response: ResponseObject, name: string, value: string, change: Change): unknown {
  // A body already read cannot be sent again; the library reports that, so the response is left to it.
  if (response.bodyUsed) return response;
  const headers = new Headers([...response.headers.entries()]);
  headers[change](name, value);
  const init: HttpResponseInit = { status: response.status, headers };
  if (response.body !== null) init.body = response.body;
  if (Array.isArray(response.cookies)) init.cookies = response.cookies;
  if (response.enableContentNegotiation === true) init.enableContentNegotiation = true;
  // The library reads a fetch Response as an HttpResponseInit, property by property.
  if (response instanceof Response) return init;
  const SameClass = response.constructor as HttpResponseClass;
  return new SameClass(init);
}

type HeadersInit = HttpResponseInit['headers'];

/**
 * The init's headers with the change, in the form the handler used, so hooks after this one can still read them;
 * `undefined` when they are something the library cannot read either (it then reports the handler's mistake).
 */
function withHeaderIn(headers: unknown, name: string, value: string, change: Change): HeadersInit | undefined {
  if (headers === undefined || headers === null) return { [name]: value };
  if (Array.isArray(headers)) {
    const pairs = headers as [string, string][];
    const kept = change === 'set' ? pairs.filter(([key]) => !sameName(key, name)) : pairs;
    return [...kept, [name, value]];
  }
  if (isHeaders(headers)) {
    const copy = new Headers([...headers.entries()]);
    copy[change](name, value);
    return copy;
  }
  if (isPlainObject(headers)) return withHeaderInRecord(headers as Record<string, unknown>, name, value, change);
  // Any other iterable of pairs (a Map, say), which the library reads through `Headers` too.
  try {
    const copy = new Headers(headers as ConstructorParameters<typeof Headers>[0]);
    copy[change](name, value);
    return copy;
  } catch {
    return undefined;
  }
}

/**
 * A plain object: one key per header, whatever its case. The copy keeps every other key and puts the header last,
 * under `name`: set, its value; appended, every value the object had under any spelling of the name, then the new
 * one, joined as `Headers` joins a repeated header. One loop and one object: responses take this path on every
 * invocation an extension adds a header to.
 */
function withHeaderInRecord(headers: Record<string, unknown>, name: string, value: string, change: Change): Record<string, string> {
  const copy: Record<string, string> = {};
  const lowerName = lowerCased(name);
  let previous: string | undefined;
  for (const key in headers) {
    if (!Object.hasOwn(headers, key)) continue;
    // Values are typed as strings; a JavaScript handler's numbers are joined as the library would send them.
    const existing = headers[key];
    // Names of another length cannot match: most keys are told apart without lower-casing them (a new string each).
    if (key.length !== lowerName.length || key.toLowerCase() !== lowerName) copy[key] = existing as string;
    else if (change === 'append') previous = previous === undefined ? String(existing) : `${previous}, ${String(existing)}`;
  }
  copy[name] = previous === undefined ? value : `${previous}, ${value}`;
  return copy;
}

// The last header name lower-cased: an extension adds the same header on every invocation, and lower-casing a
// name that has capitals makes a new string each time.
let lastName = '';
let lastLowerName = '';

function lowerCased(name: string): string {
  if (name !== lastName) {
    lastLowerName = name.toLowerCase();
    lastName = name;
  }
  return lastLowerName;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
