import type { HttpResponseInit } from '@azure/functions';
import { elapsedSuffix } from './appendElapsed.js';
import { hasAppendableInitBody } from './appendability.js';
import type { HttpRewrite } from './httpRewrite.js';
import { appendServerTiming, serverTimingMetric } from './serverTiming.js';

/**
 * Returns a new `HttpResponseInit`: the caller's object is never modified, so an object the handler returns
 * again (a cached response, a constant) cannot accumulate suffixes or header entries.
 */
export function rewriteHttpResponseInit(init: HttpResponseInit, rewrite: HttpRewrite): HttpResponseInit {
  const headers = new Headers(init.headers);
  if (rewrite.serverTimingName !== undefined) {
    appendServerTiming(headers, serverTimingMetric(rewrite.serverTimingName, rewrite.elapsed));
  }
  if (rewrite.appendToBody === true && hasAppendableInitBody(init, headers, rewrite.requestMethod)) {
    const body = `${init.body}${elapsedSuffix(rewrite.elapsed)}`;
    if (headers.has('content-length')) {
      headers.set('content-length', String(Buffer.byteLength(body)));
    }
    return { ...init, headers, body };
  }
  return { ...init, headers };
}
