import { describe, expect, it } from 'vitest';
import { retryDelays } from './retryDelays.js';
import { formatTimeSpan } from './retryLog.js';

function firstDelays(next: () => number, count: number): number[] {
  return Array.from({ length: count }, () => next());
}

describe('retry delays', () => {
  it('are constant for fixedDelay', () => {
    expect(firstDelays(retryDelays({ strategy: 'fixedDelay', maxRetryCount: 3, delayIntervalMs: 2500 }), 3)).toEqual([2500, 2500, 2500]);
  });

  it('grow for exponentialBackoff: the minimum, then the minimum plus a doubling increment, capped by the maximum', () => {
    const policy = { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumIntervalMs: 1000, maximumIntervalMs: 30_000 } as const;
    // random() = 0.5 is no randomization at all: increments of exactly 1x, 2x, 4x, 8x, 16x the minimum.
    expect(firstDelays(retryDelays(policy, () => 0.5), 8)).toEqual([1000, 2000, 3000, 5000, 9000, 17_000, 30_000, 30_000]);
    // The randomization moves each increment by at most 20% either way.
    expect(firstDelays(retryDelays(policy, () => 0), 4)).toEqual([1000, 1800, 2600, 4200]);
    const high = firstDelays(retryDelays(policy, () => 0.999_999), 4);
    expect(high[1]).toBeCloseTo(2200, 0);
    expect(high[3]).toBeCloseTo(5800, 0);
  });

  it('stay at the maximum once they reach it, and equal it when minimum and maximum are the same', () => {
    const same = { strategy: 'exponentialBackoff', maxRetryCount: 5, minimumIntervalMs: 4000, maximumIntervalMs: 4000 } as const;
    expect(firstDelays(retryDelays(same, () => 0.5), 3)).toEqual([4000, 4000, 4000]);
  });
});

describe('durations in the host log', () => {
  it('print as .NET prints a TimeSpan', () => {
    expect(formatTimeSpan(10_000)).toBe('00:00:10');
    expect(formatTimeSpan(0)).toBe('00:00:00');
    expect(formatTimeSpan(90 * 60_000)).toBe('01:30:00');
    expect(formatTimeSpan(1500)).toBe('00:00:01.5000000');
    expect(formatTimeSpan(26 * 3_600_000)).toBe('1.02:00:00');
  });
});
