import type { HttpResponseInit } from '@azure/functions';
import { appendAtEnd } from './appendAtEnd.js';
import { elapsedSuffix } from './appendElapsed.js';
import { hasAppendableResponseBody } from './appendability.js';
import { lengthenContentLength } from './contentLength.js';
import type { HttpRewrite } from './httpRewrite.js';
import type { ResponseLike } from './httpResult.js';
import { appendServerTiming, serverTimingMetric } from './serverTiming.js';

/**
 * Builds a new response of the same kind (an `HttpResponse` of the same class, so of the app's own copy of the
 * library) with the same status, headers, cookies and body, plus the timer's additions. The original's headers
 * are not touched (a response returned twice must not collect entries).
 *
 * The body is never read here. An `HttpResponse` does not tell what its body was made from, so its headers decide
 * (see appendability.ts): a text body flows through a step that adds the suffix after its last byte (the suffix is
 * ASCII, so the bytes before it stay exactly as they were, whatever the text's encoding, UTF-16/32 aside), and any
 * other body is handed over as the stream it is. With HTTP streaming on, the client gets each chunk as the handler
 * produces it, and the suffix reports the time until the handler returned its response, not until the last byte.
 */
export function rewriteResponseLike(response: ResponseLike, rewrite: HttpRewrite): ResponseLike | HttpResponseInit {
  // A body already read cannot be sent again; without the timer the library reports that, so leave it to it.
  if (response.bodyUsed) return response;

  const headers = new Headers(response.headers);
  if (rewrite.serverTimingName !== undefined) {
    appendServerTiming(headers, serverTimingMetric(rewrite.serverTimingName, rewrite.elapsed));
  }
  const init: HttpResponseInit = {
    status: response.status,
    headers,
    cookies: Array.isArray(response.cookies) ? response.cookies : [],
    enableContentNegotiation: response.enableContentNegotiation === true,
  };

  if (rewrite.appendToBody === true && hasAppendableResponseBody(response, headers, rewrite.requestMethod)) {
    const suffix = Buffer.from(elapsedSuffix(rewrite.elapsed), 'utf8');
    lengthenContentLength(headers, suffix.byteLength);
    return rebuild(response, { ...init, body: response.body.pipeThrough(appendAtEnd(suffix)) });
  }
  return rebuild(response, { ...init, body: response.body });
}

type HttpResponseClass = new (init: HttpResponseInit) => ResponseLike;

function rebuild(response: ResponseLike, init: HttpResponseInit): ResponseLike | HttpResponseInit {
  // The library reads a fetch Response property by property, exactly like an HttpResponseInit.
  if (response instanceof Response) return init;
  const SameClass = response.constructor as HttpResponseClass;
  return new SameClass(init);
}
