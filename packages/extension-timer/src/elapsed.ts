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

/** Milliseconds with microsecond precision, never in exponent notation: `1.234`. */
export function formatMilliseconds(elapsed: Elapsed): string {
  return elapsed.milliseconds.toFixed(3);
}
