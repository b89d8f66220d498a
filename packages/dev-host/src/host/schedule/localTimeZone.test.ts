import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSchedule } from './schedule.js';

// The default zone is the process's local one. Node applies a change of process.env.TZ at once, so this file runs
// its checks in a zone with daylight saving time and puts the original zone back afterwards.

const originalTimeZone = process.env.TZ;

beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});

afterAll(() => {
  if (originalTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalTimeZone;
});

describe('schedules in the local time zone (TZ=America/Los_Angeles)', () => {
  it('runs in the zone it asked for', () => {
    expect(new Date('2024-07-01T12:00:00Z').getTimezoneOffset()).toBe(420);
    expect(new Date('2024-01-01T12:00:00Z').getTimezoneOffset()).toBe(480);
  });

  it('reads the fields in local time, standard and daylight', () => {
    const schedule = parseSchedule('0 0 9 * * *');
    expect(schedule.next(new Date('2024-01-15T00:00:00Z')).toISOString()).toBe('2024-01-15T17:00:00.000Z');
    expect(schedule.next(new Date('2024-07-15T00:00:00Z')).toISOString()).toBe('2024-07-15T16:00:00.000Z');
  });

  it('fires a time skipped by the spring-forward change just after it', () => {
    expect(parseSchedule('0 30 2 * * *').next(new Date('2024-03-09T11:00:00Z')).toISOString()).toBe('2024-03-10T10:30:00.000Z');
  });

  it('fires a daily time in the repeated hour once', () => {
    const schedule = parseSchedule('0 30 1 * * *');
    const first = schedule.next(new Date('2024-11-02T12:00:00Z'));
    expect(first.toISOString()).toBe('2024-11-03T08:30:00.000Z');
    expect(schedule.next(first).toISOString()).toBe('2024-11-04T09:30:00.000Z');
  });

  it('runs an interval schedule through both passes of the repeated hour', () => {
    const schedule = parseSchedule('0 0,30 * * * *');
    const seen: string[] = [];
    let cursor = new Date('2024-11-03T07:45:00Z');
    for (let i = 0; i < 4; i++) {
      cursor = schedule.next(cursor);
      seen.push(cursor.toISOString());
    }
    expect(seen).toEqual(['2024-11-03T08:00:00.000Z', '2024-11-03T08:30:00.000Z', '2024-11-03T09:00:00.000Z', '2024-11-03T09:30:00.000Z']);
  });
});
