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

type Change = 'set' | 'append';

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
  return { ...init, headers: withHeaderIn(init.headers, name, value, change) };
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

/** The init's headers with the change, in the form the handler used, so hooks after this one can still read them. */
function withHeaderIn(headers: unknown, name: string, value: string, change: Change): HeadersInit {
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
  // A plain object: one key per header, whatever its case; appending joins values as Headers does.
  const entries = Object.entries(headers as Record<string, string>);
  const previous = entries.find(([key]) => sameName(key, name))?.[1];
  const others = entries.filter(([key]) => !sameName(key, name));
  const combined = change === 'append' && previous !== undefined ? `${previous}, ${value}` : value;
  return Object.fromEntries([...others, [name, combined]]);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
