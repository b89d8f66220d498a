import type { Elapsed } from './elapsed.js';
import { formatMilliseconds } from './elapsed.js';

export const SERVER_TIMING_HEADER = 'Server-Timing';

// A Server-Timing metric name is an RFC 7230 token: visible ASCII without separators. Anything else would make
// the header unparsable for browsers and proxies, for every metric in it, not just ours.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isServerTimingName(name: string): boolean {
  return TOKEN.test(name);
}

/**
 * One metric of the header: `total;dur=12.345` (dur is in milliseconds, as the spec says). Runs on every
 * invocation, so it does not check the name again: the `serverTimingName` option accepts only names for which
 * `isServerTimingName` holds, and configure() rejects any other with a message that says what is allowed.
 */
export function serverTimingMetric(name: string, elapsed: Elapsed): string {
  return `${name};dur=${formatMilliseconds(elapsed)}`;
}

/**
 * Adds a metric to the header, after any metrics already there (the handler's own, or another extension's):
 * Server-Timing is a list, and replacing it would silently drop someone else's measurements.
 */
export function appendServerTiming(headers: Headers, metric: string): void {
  headers.append(SERVER_TIMING_HEADER, metric);
}
