import { describe, expect, it } from 'vitest';
import { elapsedBetween } from './elapsed.js';
import { appendServerTiming, isServerTimingName, serverTimingMetric } from './serverTiming.js';

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
