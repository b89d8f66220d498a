// How the timer writes down what it measured: the elapsed time (taken on the monotonic clock), the suffix of the
// Python sample, the Server-Timing metric and the log lines. Everything here is cheap and pure; it runs only for the
// responses and log levels that use it.

/**
 * Elapsed time on the monotonic clock. `process.hrtime.bigint()` never jumps with wall-clock corrections (NTP,
 * daylight saving, a user changing the time), which `Date.now()` does, so a measurement can never be negative or
 * wildly off. Nanoseconds are kept as a bigint so that no precision is lost until the value is formatted.
 */
export interface Elapsed {
  readonly nanoseconds: bigint;
  readonly milliseconds: number;
  readonly seconds: number;
}

export function readMonotonicClock(): bigint {
  return process.hrtime.bigint();
}

export function elapsedBetween(start: bigint, end: bigint): Elapsed {
  if (end < start) {
    throw new RangeError(
      `elapsedBetween: the end reading (${end}) is before the start reading (${start}); ` +
        'pass readings of the monotonic clock in the order they were taken.',
    );
  }
  const nanoseconds = end - start;
  // Number() on the nanosecond count is exact up to ~104 days, far beyond any invocation.
  const asNumber = Number(nanoseconds);
  return { nanoseconds, milliseconds: asNumber / 1e6, seconds: asNumber / 1e9 };
}

export function elapsedSince(start: bigint): Elapsed {
  return elapsedBetween(start, readMonotonicClock());
}

/** Seconds with microsecond precision, never in exponent notation: `0.001234`. */
export function formatSeconds(elapsed: Elapsed): string {
  return elapsed.seconds.toFixed(6);
}

// The last value formatted and its text: an invocation's log line and its Server-Timing metric format the same
// measurement, and `toFixed` is among the timer's dearest steps. A number and a string, so nothing outlives the
// invocation that the next one would not replace.
let lastMilliseconds = Number.NaN;
let lastMillisecondsText = '';

/** Milliseconds with microsecond precision, never in exponent notation: `1.234`. */
export function formatMilliseconds(elapsed: Elapsed): string {
  const milliseconds = elapsed.milliseconds;
  if (milliseconds !== lastMilliseconds) {
    lastMillisecondsText = milliseconds.toFixed(3);
    lastMilliseconds = milliseconds;
  }
  return lastMillisecondsText;
}

/** The text the Python worker extension sample appends to HTTP responses, in its exact wording. */
export function elapsedSuffix(elapsed: Elapsed): string {
  return ` (TimeElapsed: ${formatSeconds(elapsed)} sec)`;
}

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

/** How the invocation ended, as the timer reports it. */
export type Outcome = 'completed' | 'failed' | 'answered early';

export interface TimedInvocation {
  readonly functionName: string;
  readonly invocationId: string;
  readonly outcome: Outcome;
  readonly elapsed: Elapsed;
}

/** `[timer] HttpTrigger (invocation 5f0e…) completed in 1.234 ms` */
export function elapsedLogLine(invocation: TimedInvocation): string {
  return (
    `[timer] ${invocation.functionName} (invocation ${invocation.invocationId}) ` +
    `${invocation.outcome} in ${formatMilliseconds(invocation.elapsed)} ms`
  );
}

/** `[timer] HttpTrigger (invocation 5f0e…) was slow: 1234.567 ms, above the 1000 ms threshold` */
export function slowLogLine(invocation: TimedInvocation, thresholdMs: number): string {
  return (
    `[timer] ${invocation.functionName} (invocation ${invocation.invocationId}) was slow: ` +
    `${formatMilliseconds(invocation.elapsed)} ms, above the ${thresholdMs} ms threshold`
  );
}
