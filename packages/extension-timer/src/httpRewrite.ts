/** What to add to one HTTP response. */
export interface HttpRewrite {
  /** Appended to a text body; `undefined` leaves every body as it is. */
  readonly bodySuffix?: string | undefined;
  /** Appended to the Server-Timing header; `undefined` adds none. */
  readonly serverTimingMetric?: string | undefined;
  /** The request's method: the response to a HEAD request has no body to append to. */
  readonly requestMethod?: string | undefined;
}
