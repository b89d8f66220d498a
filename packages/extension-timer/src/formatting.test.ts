import { describe, expect, it } from 'vitest';
import {
  elapsedBetween,
  elapsedLogLine,
  elapsedSince,
  formatMilliseconds,
  formatSeconds,
  isServerTimingName,
  readMonotonicClock,
  serverTimingMetric,
  slowLogLine,
} from './formatting.js';
import { appendServerTiming } from './rewriteHttpResult.js';

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

const invocation = {
  functionName: 'HttpTrigger',
  invocationId: '5f0e0c1a-0000-4000-8000-000000000001',
  outcome: 'completed' as const,
  elapsed: elapsedBetween(0n, 1_234_567n),
};

describe('timer log lines', () => {
  it('name the function, the invocation, the outcome and the elapsed milliseconds', () => {
    expect(elapsedLogLine(invocation)).toBe(
      '[timer] HttpTrigger (invocation 5f0e0c1a-0000-4000-8000-000000000001) completed in 1.235 ms',
    );
    expect(elapsedLogLine({ ...invocation, outcome: 'failed' })).toContain(') failed in 1.235 ms');
  });

  it('say how far over the threshold a slow invocation was', () => {
    expect(slowLogLine(invocation, 1)).toBe(
      '[timer] HttpTrigger (invocation 5f0e0c1a-0000-4000-8000-000000000001) was slow: 1.235 ms, ' +
        'above the 1 ms threshold',
    );
  });
});

const twelveMs = elapsedBetween(0n, 12_345_678n);

describe('isServerTimingName', () => {
  it.each(['total', 'app-total', 'db_1', 'x.y', "a!#$%&'*+-.^_`|~z", 'T0TAL'])('accepts the token %j', (name) => {
    expect(isServerTimingName(name)).toBe(true);
  });

  it.each(['', 'two words', 'a;b', 'a,b', 'a=b', '"quoted"', 'tötal', 'tab\there', 'a/b'])(
    'rejects %j, which is not an RFC 7230 token',
    (name) => {
      expect(isServerTimingName(name)).toBe(false);
    },
  );
});

describe('serverTimingMetric', () => {
  it('writes the duration in milliseconds', () => {
    expect(serverTimingMetric('total', twelveMs)).toBe('total;dur=12.346');
  });

  it('takes the name as configure() validated it, without checking it again on every invocation', () => {
    // Not a token: only the option's own check stands between such a name and the header.
    expect(serverTimingMetric('my metric', twelveMs)).toBe('my metric;dur=12.346');
  });
});

describe('appendServerTiming', () => {
  it('adds the header when there is none', () => {
    const headers = new Headers();
    appendServerTiming(headers, 'total;dur=1.000');
    expect(headers.get('server-timing')).toBe('total;dur=1.000');
  });

  it('keeps metrics already present and adds after them', () => {
    const headers = new Headers({ 'server-timing': 'cache;desc="hit", db;dur=2.5' });
    appendServerTiming(headers, 'total;dur=1.000');
    expect(headers.get('Server-Timing')).toBe('cache;desc="hit", db;dur=2.5, total;dur=1.000');
  });
});
