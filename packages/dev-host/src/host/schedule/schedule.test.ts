import { describe, expect, it } from 'vitest';
import { parseSchedule, ScheduleError } from './schedule.js';

/** A local wall-clock time (the schedule's default zone is the process's). */
function local(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(year, month - 1, day, hour, minute, second, ms);
}

function nextAfter(expression: string, after: Date): Date {
  return parseSchedule(expression).next(after);
}

function occurrences(expression: string, after: Date, count: number, timeZone?: string): Date[] {
  const schedule = parseSchedule(expression, timeZone === undefined ? {} : { timeZone });
  const out: Date[] = [];
  let cursor = after;
  for (let i = 0; i < count; i++) {
    cursor = schedule.next(cursor);
    out.push(cursor);
  }
  return out;
}

describe('NCRONTAB schedules in local time', () => {
  it.each([
    ['0 */5 * * * *', local(2024, 1, 1, 10, 2, 30), local(2024, 1, 1, 10, 5)],
    ['0 */5 * * * *', local(2024, 1, 1, 10, 5), local(2024, 1, 1, 10, 10)],
    ['0 */5 * * * *', local(2024, 1, 1, 10, 4, 59, 999), local(2024, 1, 1, 10, 5)],
    ['*/15 * * * * *', local(2024, 1, 1, 10, 0, 7, 500), local(2024, 1, 1, 10, 0, 15)],
    ['* * * * * *', local(2024, 1, 1, 23, 59, 59), local(2024, 1, 2)],
    ['0 0 * * * *', local(2024, 12, 31, 23, 0), local(2025, 1, 1)],
    ['0 0 0 1 1 *', local(2024, 6, 1), local(2025, 1, 1)],
    ['0 30 9 * * 1-5', local(2024, 3, 8, 10), local(2024, 3, 11, 9, 30)],
    ['0 30 9 * * 1-5', local(2024, 3, 8, 9), local(2024, 3, 8, 9, 30)],
    ['1-10/2 * * * * *', local(2024, 1, 1, 0, 0, 3), local(2024, 1, 1, 0, 0, 5)],
    ['1-10/2 * * * * *', local(2024, 1, 1, 0, 0, 9), local(2024, 1, 1, 0, 1, 1)],
    ['0 5/20 * * * *', local(2024, 1, 1, 0, 26), local(2024, 1, 1, 0, 45)],
    ['0 0 12 1,15 * *', local(2024, 1, 15, 12), local(2024, 2, 1, 12)],
    ['0 0 0 * * 0', local(2024, 3, 5), local(2024, 3, 10)],
    ['0 0 0 * * 5-6', local(2024, 3, 10), local(2024, 3, 15)],
    ['0 0 0 1 Jan,jul *', local(2024, 2, 1), local(2024, 7, 1)],
    ['0 0 0 1 january *', local(2024, 2, 1), local(2025, 1, 1)],
    ['0 0 9 * * MON-fri', local(2024, 3, 9), local(2024, 3, 11, 9)],
    ['0 0 9 * * tue', local(2024, 3, 9), local(2024, 3, 12, 9)],
    ['0 0 9 * * t', local(2024, 3, 9), local(2024, 3, 12, 9)],
    ['*/5 * * * *', local(2024, 1, 1, 10, 2, 30), local(2024, 1, 1, 10, 5)],
    ['  0   0  *  * * *  ', local(2024, 1, 1, 10, 30), local(2024, 1, 1, 11)],
  ])('%s after %s is %s', (expression, after, expected) => {
    expect(nextAfter(expression, after)).toEqual(expected);
  });

  it('skips months too short for the day', () => {
    expect(occurrences('0 0 0 31 * *', local(2024, 1, 31), 4)).toEqual([
      local(2024, 3, 31),
      local(2024, 5, 31),
      local(2024, 7, 31),
      local(2024, 8, 31),
    ]);
  });

  it('finds February 29 only in leap years', () => {
    expect(occurrences('0 0 12 29 2 *', local(2024, 3, 1), 2)).toEqual([local(2028, 2, 29, 12), local(2032, 2, 29, 12)]);
    expect(nextAfter('0 0 12 29 2 *', local(2096, 3, 1))).toEqual(local(2104, 2, 29, 12));
  });

  it('requires day AND day of week to match, as NCrontab does', () => {
    expect(occurrences('0 0 0 13 * Fri', local(2024, 1, 1), 3)).toEqual([
      local(2024, 9, 13),
      local(2024, 12, 13),
      local(2025, 6, 13),
    ]);
  });

  it('finds a rare combination far ahead: February 29 on a Monday', () => {
    expect(nextAfter('0 0 0 29 2 1', local(2024, 3, 1))).toEqual(local(2044, 2, 29));
  });

  it('returns a new Date and leaves the argument alone', () => {
    const after = local(2024, 1, 1);
    const next = nextAfter('0 0 * * * *', after);
    expect(after).toEqual(local(2024, 1, 1));
    expect(next).not.toBe(after);
    expect(parseSchedule('0 0 * * * *').kind).toBe('cron');
    expect(parseSchedule('0 0 * * * *').expression).toBe('0 0 * * * *');
  });
});

describe('TimeSpan intervals', () => {
  it.each([
    ['00:05:00', 5 * 60_000],
    ['00:00:01', 1000],
    ['01:30', 90 * 60_000],
    ['1.00:00:00', 86_400_000],
    ['00:00:00.5', 500],
    ['23:59:59', 86_399_000],
  ])('%s fires every %i ms after the given time', (expression, interval) => {
    const schedule = parseSchedule(expression);
    const after = new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 123));
    expect(schedule.kind).toBe('interval');
    expect(schedule.next(after).getTime() - after.getTime()).toBe(interval);
  });
});

describe('invalid schedules', () => {
  const table: [expression: string, problem: RegExp][] = [
    ['', /has 0 fields.*six fields/],
    ['every minute', /has 2 fields/],
    ['* * * * * * *', /has 7 fields/],
    ['60 * * * * *', /second field '60' has the value 60, which is out of range; second values run from 0 to 59/],
    ['0 60 * * * *', /minute field '60'.*0 to 59/],
    ['0 0 24 * * *', /hour field '24'.*0 to 23/],
    ['0 0 0 0 * *', /day field '0'.*1 to 31/],
    ['0 0 0 32 * *', /day field '32'/],
    ['0 0 0 * 13 *', /month field '13'.*1 to 12.*Jan, Feb/],
    ['0 0 0 * * 8', /day-of-week field '8'.*0 to 6.*Sun, Mon/],
    // NCrontab (and so Azure) refuses 7 for Sunday: refusing it here keeps local and cloud start-up alike.
    ['0 0 0 * * 7', /day-of-week field '7'.*out of range.*0 to 6/],
    ['0 0 0 * Foo *', /month field 'Foo' has 'Foo', which is not a month value/],
    ['0 0 0 * * Funday', /day-of-week field 'Funday'/],
    ['*/0 * * * * *', /step '0'.*at least 1/],
    ['*/x * * * * *', /step 'x'/],
    ['/5 * * * * *', /step without a range/],
    ['10-5 * * * * *', /range 10-5, which runs backwards/],
    ['1,,2 * * * * *', /empty entry/],
    ['-1 * * * * *', /'-1', which is not a second value/],
    ['1.5 * * * * *', /'1.5'/],
    ['0 0 0 30 2 *', /never occurs: no day 30 exists in February/],
    ['0 0 0 31 4,6,9,11 *', /never occurs: no day 31 exists in April, June, September, November/],
    ['%TimerSchedule%', /app setting reference/],
    ['24:00:00', /hours 24 are out of range/],
    ['00:60:00', /minutes 60/],
    ['00:00:00', /interval is zero/],
    ['5', /has 1 field/],
  ];

  it.each(table)('%j is refused', (expression, problem) => {
    let caught: unknown;
    try {
      parseSchedule(expression);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleError);
    const error = caught as ScheduleError;
    expect(error.message).toContain(`'${expression}'`);
    expect(error.expression).toBe(expression);
    expect(error.problem).toMatch(problem);
  });

  it('refuses an unknown time zone and a schedule that is not a string', () => {
    expect(() => parseSchedule('0 0 * * * *', { timeZone: 'Mars/Olympus' })).toThrow(/time zone 'Mars\/Olympus' is not known/);
    expect(() => parseSchedule(undefined as unknown as string)).toThrow(ScheduleError);
  });

  it('refuses an invalid Date for next()', () => {
    expect(() => parseSchedule('0 0 * * * *').next(new Date(Number.NaN))).toThrow(TypeError);
    expect(() => parseSchedule('00:01:00').next(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('daylight saving time (America/Los_Angeles, 2024)', () => {
  // Spring forward: 2024-03-10 02:00 PST (10:00Z) becomes 03:00 PDT. Fall back: 2024-11-03 02:00 PDT (09:00Z)
  // becomes 01:00 PST.
  const zone = 'America/Los_Angeles';
  const iso = (dates: Date[]): string[] => dates.map((date) => date.toISOString());

  it('fires a daily time that falls in the spring-forward gap just after the gap', () => {
    expect(iso(occurrences('0 30 2 * * *', new Date('2024-03-09T11:00:00Z'), 2, zone))).toEqual([
      '2024-03-10T10:30:00.000Z', // 03:30 PDT, in place of the missing 02:30
      '2024-03-11T09:30:00.000Z', // 02:30 PDT
    ]);
  });

  it('keeps an interval schedule going across the gap without firing twice', () => {
    expect(iso(occurrences('0 */30 * * * *', new Date('2024-03-10T09:15:00Z'), 4, zone))).toEqual([
      '2024-03-10T09:30:00.000Z', // 01:30 PST
      '2024-03-10T10:00:00.000Z', // 03:00 PDT (02:00 does not exist)
      '2024-03-10T10:30:00.000Z', // 03:30 PDT
      '2024-03-10T11:00:00.000Z',
    ]);
  });

  it('fires a daily time in the repeated hour once, in its first pass', () => {
    expect(iso(occurrences('0 30 1 * * *', new Date('2024-11-02T12:00:00Z'), 3, zone))).toEqual([
      '2024-11-03T08:30:00.000Z', // 01:30 PDT
      '2024-11-04T09:30:00.000Z', // 01:30 PST the next day; 01:30 PST on the 3rd is skipped
      '2024-11-05T09:30:00.000Z',
    ]);
  });

  it('skips the second pass of a daily time when it starts inside the repeated hour', () => {
    expect(iso(occurrences('0 30 1 * * *', new Date('2024-11-03T09:10:00Z'), 1, zone))).toEqual(['2024-11-04T09:30:00.000Z']);
  });

  it('runs an interval schedule through both passes of the repeated hour', () => {
    expect(iso(occurrences('0 */30 * * * *', new Date('2024-11-03T07:45:00Z'), 5, zone))).toEqual([
      '2024-11-03T08:00:00.000Z', // 01:00 PDT
      '2024-11-03T08:30:00.000Z', // 01:30 PDT
      '2024-11-03T09:00:00.000Z', // 01:00 PST
      '2024-11-03T09:30:00.000Z', // 01:30 PST
      '2024-11-03T10:00:00.000Z', // 02:00 PST
    ]);
  });

  it('reads the cron fields in the named zone', () => {
    expect(parseSchedule('0 0 9 * * *', { timeZone: 'Asia/Kolkata' }).next(new Date('2024-01-01T00:00:00Z')).toISOString()).toBe(
      '2024-01-01T03:30:00.000Z',
    );
  });
});

describe('daylight saving time with a 30-minute shift (Australia/Lord_Howe)', () => {
  // 2024-10-06 02:00 local (+10:30) becomes 02:30 (+11) at 2024-10-05T15:30Z.
  it('fires the skipped times just after the change', () => {
    const schedule = parseSchedule('0 15 2 * * *', { timeZone: 'Australia/Lord_Howe' });
    expect(schedule.next(new Date('2024-10-05T12:00:00Z')).toISOString()).toBe('2024-10-05T15:45:00.000Z');
  });
});
