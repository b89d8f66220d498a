import type { HttpRewrite } from './httpRewrite.js';
import { isHttpResponseValue, isResponseLike } from './httpResult.js';
import { rewriteHttpResponseInit } from './rewriteHttpResponseInit.js';
import { rewriteResponseLike } from './rewriteResponseLike.js';

// Responses this module made. If one comes back (an outer extension cached it and answers with it again), it
// already carries a measurement, and measuring it again would stack a second suffix onto its body. A WeakSet
// holds nothing alive: an entry goes when its response is collected, so no invocation leaves anything behind.
const rewritten = new WeakSet<object>();

/**
 * Adds the elapsed time to the result of a function whose return binding is `http`. Returns the result itself
 * when there is nothing to add to it, otherwise a new response: the handler's own object is never modified.
 *
 * Synchronous: no body is read here (an `HttpResponse` body is passed through a stream step that appends the
 * suffix as it flows), so the post phase costs no extra turn of the event loop and a streamed body is never held.
 */
export function rewriteHttpResult(result: unknown, rewrite: HttpRewrite): unknown {
  if (rewrite.appendToBody !== true && rewrite.serverTimingName === undefined) return result;

  if (!isHttpResponseValue(result) || rewritten.has(result)) return result;
  if (!isResponseLike(result)) return remember(rewriteHttpResponseInit(result, rewrite));
  const response = rewriteResponseLike(result, rewrite);
  return response === result ? response : remember(response);
}

function remember<T extends object>(response: T): T {
  rewritten.add(response);
  return response;
}
