import type { HttpResponseInit } from '@azure/functions';
import { isBodylessResponse } from './bodylessResponse.js';
import { isAppendableTextType, parseContentType } from './contentType.js';
import type { HttpRewrite } from './httpRewrite.js';
import { appendServerTiming } from './serverTiming.js';

/**
 * Returns a new `HttpResponseInit`: the caller's object is never modified, so an object the handler returns
 * again (a cached response, a constant) cannot accumulate suffixes or header entries.
 */
export function rewriteHttpResponseInit(init: HttpResponseInit, rewrite: HttpRewrite): HttpResponseInit {
  const headers = new Headers(init.headers);
  if (rewrite.serverTimingMetric !== undefined) {
    appendServerTiming(headers, rewrite.serverTimingMetric);
  }
  if (rewrite.bodySuffix !== undefined && hasAppendableTextBody(init, headers, rewrite.requestMethod)) {
    const body = `${init.body}${rewrite.bodySuffix}`;
    if (headers.has('content-length')) {
      headers.set('content-length', String(Buffer.byteLength(body)));
    }
    return { ...init, headers, body };
  }
  return { ...init, headers };
}

function hasAppendableTextBody(
  init: HttpResponseInit,
  headers: Headers,
  requestMethod: string | undefined,
): init is HttpResponseInit & { body: string } {
  // Like the library: a jsonBody other than null/undefined wins over body and is sent as JSON.
  if (init.jsonBody !== undefined && init.jsonBody !== null) return false;
  if (typeof init.body !== 'string' || init.body === '') return false;
  // Typed as a number, but JavaScript handlers pass '204' too, which the fetch Response accepts.
  const status: unknown = init.status ?? 200;
  if (isBodylessResponse(Number(status), requestMethod)) return false;
  // A string body without a Content-Type is sent as text/plain.
  const contentType = headers.get('content-type');
  return contentType === null || isAppendableTextType(parseContentType(contentType));
}
