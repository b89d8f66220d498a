import type { HttpResponseInit } from '@azure/functions';
import { hasAppendableInitBody } from './appendability.js';
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
  if (rewrite.bodySuffix !== undefined && hasAppendableInitBody(init, headers, rewrite.requestMethod)) {
    const body = `${init.body}${rewrite.bodySuffix}`;
    if (headers.has('content-length')) {
      headers.set('content-length', String(Buffer.byteLength(body)));
    }
    return { ...init, headers, body };
  }
  return { ...init, headers };
}
