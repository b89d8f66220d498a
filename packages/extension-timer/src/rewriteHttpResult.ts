import type { HttpRewrite } from './httpRewrite.js';
import { classifyHttpResult } from './httpResult.js';
import { rewriteHttpResponseInit } from './rewriteHttpResponseInit.js';
import { rewriteResponseLike } from './rewriteResponseLike.js';

// Responses this module made. If one comes back (an outer extension cached it and answers with it again), it
// already carries a measurement, and measuring it again would stack a second suffix onto its body. A WeakSet
// holds nothing alive: an entry goes when its response is collected, so no invocation leaves anything behind.
const rewritten = new WeakSet<object>();

/**
 * Adds the elapsed time to the result of a function whose return binding is `http`. Returns the result itself
 * when there is nothing to add to it, otherwise a new response: the handler's own object is never modified.
 */
export async function rewriteHttpResult(result: unknown, rewrite: HttpRewrite): Promise<unknown> {
  if (rewrite.bodySuffix === undefined && rewrite.serverTimingMetric === undefined) return result;

  const classified = classifyHttpResult(result);
  if (classified.kind === 'none' || rewritten.has(classified.kind === 'init' ? classified.init : classified.response)) {
    return result;
  }
  const replacement =
    classified.kind === 'init'
      ? rewriteHttpResponseInit(classified.init, rewrite)
      : await rewriteResponseLike(classified.response, rewrite);
  if (replacement !== result) rewritten.add(replacement);
  return replacement;
}
