import type { Elapsed } from './elapsed.js';

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
