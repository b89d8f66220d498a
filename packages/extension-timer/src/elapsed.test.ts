import { describe, expect, it } from 'vitest';
import { elapsedBetween, elapsedSince, formatMilliseconds, formatSeconds, readMonotonicClock } from './elapsed.js';

describe('elapsedBetween', () => {
  it('converts nanoseconds to milliseconds and seconds', () => {
    const elapsed = elapsedBetween(1_000n, 1_234_568_000n);
    expect(elapsed.nanoseconds).toBe(1_234_567_000n);
    expect(elapsed.milliseconds).toBeCloseTo(1234.567, 9);
    expect(elapsed.seconds).toBeCloseTo(1.234567, 12);
  });

  it('rejects readings given in the wrong order', () => {
    expect(() => elapsedBetween(10n, 9n)).toThrow(/end reading \(9\) is before the start reading \(10\)/);
  });

  it('measures zero for equal readings', () => {
    expect(elapsedBetween(5n, 5n)).toEqual({ nanoseconds: 0n, milliseconds: 0, seconds: 0 });
  });
});

describe('the monotonic clock', () => {
  it('never goes backwards', () => {
    let previous = readMonotonicClock();
    for (let i = 0; i < 1000; i++) {
      const next = readMonotonicClock();
      expect(next >= previous).toBe(true);
      previous = next;
    }
  });

  it('measures time that really passed', async () => {
    const start = readMonotonicClock();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Timers may fire up to a millisecond early; the bound only proves real time is measured.
    expect(elapsedSince(start).milliseconds).toBeGreaterThan(15);
  });
});

describe('formatting', () => {
  it('writes seconds with microsecond precision and never in exponent notation', () => {
    expect(formatSeconds(elapsedBetween(0n, 1_234_567n))).toBe('0.001235');
    expect(formatSeconds(elapsedBetween(0n, 42n))).toBe('0.000000');
    expect(formatSeconds(elapsedBetween(0n, 90_000_000_000n))).toBe('90.000000');
  });

  it('writes milliseconds with microsecond precision', () => {
    expect(formatMilliseconds(elapsedBetween(0n, 1_234_567n))).toBe('1.235');
    expect(formatMilliseconds(elapsedBetween(0n, 100n))).toBe('0.000');
  });
});
