import type { Elapsed } from './elapsed.js';
import { formatMilliseconds } from './elapsed.js';

export const SERVER_TIMING_HEADER = 'Server-Timing';

// A Server-Timing metric name is an RFC 7230 token: visible ASCII without separators. Anything else would make
// the header unparsable for browsers and proxies, for every metric in it, not just ours.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isServerTimingName(name: string): boolean {
  return TOKEN.test(name);
}

/** One metric of the header: `total;dur=12.345` (dur is in milliseconds, as the spec says). */
export function serverTimingMetric(name: string, elapsed: Elapsed): string {
  if (!isServerTimingName(name)) {
    throw new TypeError(
      `Server-Timing metric name ${JSON.stringify(name)} is not an RFC 7230 token: ` +
        'use letters, digits and !#$%&\'*+-.^_`|~ only (e.g. "total").',
    );
  }
  return `${name};dur=${formatMilliseconds(elapsed)}`;
}

/**
 * Adds a metric to the header, after any metrics already there (the handler's own, or another extension's):
 * Server-Timing is a list, and replacing it would silently drop someone else's measurements.
 */
export function appendServerTiming(headers: Headers, metric: string): void {
  headers.append(SERVER_TIMING_HEADER, metric);
}
