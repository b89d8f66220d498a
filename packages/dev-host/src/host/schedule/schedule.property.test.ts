import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSchedule, ScheduleError } from './schedule.js';

// Cron expressions are generated together with the set of values each field allows. `next` is checked against a
// brute-force search that walks day by day and second by second, sharing no code with the implementation.

interface GeneratedField {
  readonly text: string;
  readonly values: ReadonlySet<number>;
}

interface GeneratedCron {
  readonly expression: string;
  readonly second: ReadonlySet<number>;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly day: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number>;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function range(first: number, last: number, step = 1): number[] {
  const out: number[] = [];
  for (let value = first; value <= last; value += step) out.push(value);
  return out;
}

/** One comma-separated item of a field, with the values it stands for. */
function item(min: number, max: number, names?: readonly string[]): fc.Arbitrary<{ text: string; values: number[] }> {
  const value = fc.integer({ min, max });
  const show = (v: number, useName: boolean): string => (useName && names !== undefined ? (names[v - min] ?? String(v)) : String(v));
  const step = fc.integer({ min: 1, max: max - min + 1 });
  return fc.oneof(
    fc.constant({ text: '*', values: range(min, max) }),
    fc.tuple(value, fc.boolean()).map(([v, useName]) => ({ text: show(v, useName), values: [v] })),
    fc.tuple(value, value, fc.boolean()).map(([a, b, useName]) => {
      const [first, last] = a <= b ? [a, b] : [b, a];
      return { text: `${show(first, useName)}-${show(last, useName)}`, values: range(first, last) };
    }),
    step.map((s) => ({ text: `*/${s}`, values: range(min, max, s) })),
    fc.tuple(value, value, step).map(([a, b, s]) => {
      const [first, last] = a <= b ? [a, b] : [b, a];
      return { text: `${first}-${last}/${s}`, values: range(first, last, s) };
    }),
    fc.tuple(value, step).map(([first, s]) => ({ text: `${first}/${s}`, values: range(first, max, s) })),
  );
}

function field(min: number, max: number, names?: readonly string[]): fc.Arbitrary<GeneratedField> {
  return fc.array(item(min, max, names), { minLength: 1, maxLength: 3 }).map((items) => ({
    text: items.map((entry) => entry.text).join(','),
    values: new Set(items.flatMap((entry) => entry.values)),
  }));
}

const dayOfWeekField: fc.Arbitrary<GeneratedField> = field(0, 6, DAY_NAMES);

function cron(parts: {
  second?: fc.Arbitrary<GeneratedField>;
  minute?: fc.Arbitrary<GeneratedField>;
  hour?: fc.Arbitrary<GeneratedField>;
  day?: fc.Arbitrary<GeneratedField>;
  month?: fc.Arbitrary<GeneratedField>;
  dayOfWeek?: fc.Arbitrary<GeneratedField>;
}): fc.Arbitrary<GeneratedCron> {
  return fc
    .record({
      second: parts.second ?? field(0, 59),
      minute: parts.minute ?? field(0, 59),
      hour: parts.hour ?? field(0, 23),
      day: parts.day ?? field(1, 31),
      month: parts.month ?? field(1, 12, MONTH_NAMES),
      dayOfWeek: parts.dayOfWeek ?? dayOfWeekField,
    })
    .map((f) => ({
      expression: [f.second, f.minute, f.hour, f.day, f.month, f.dayOfWeek].map((x) => x.text).join(' '),
      second: f.second.values,
      minute: f.minute.values,
      hour: f.hour.values,
      day: f.day.values,
      month: f.month.values,
      dayOfWeek: f.dayOfWeek.values,
    }));
}

const every = (min: number, max: number): fc.Arbitrary<GeneratedField> => fc.constant({ text: '*', values: new Set(range(min, max)) });
const zero: fc.Arbitrary<GeneratedField> = fc.constant({ text: '0', values: new Set([0]) });

const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function canEverOccur(c: GeneratedCron): boolean {
  return [...c.month].some((month) => [...c.day].some((day) => day <= (LONGEST_MONTH[month - 1] ?? 31)));
}

function matchesUtc(c: GeneratedCron, instant: number): boolean {
  const d = new Date(instant);
  return (
    d.getUTCMilliseconds() === 0 &&
    c.second.has(d.getUTCSeconds()) &&
    c.minute.has(d.getUTCMinutes()) &&
    c.hour.has(d.getUTCHours()) &&
    c.day.has(d.getUTCDate()) &&
    c.month.has(d.getUTCMonth() + 1) &&
    c.dayOfWeek.has(d.getUTCDay())
  );
}

/** The first matching UTC instant after `after`, found by walking days, then every second of the first good day. */
function bruteForceNextUtc(c: GeneratedCron, after: number): number | undefined {
  let start = Math.floor(after / 1000) * 1000 + 1000;
  for (let days = 0; days < 366 * 50; days++) {
    const d = new Date(start);
    const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (c.month.has(d.getUTCMonth() + 1) && c.day.has(d.getUTCDate()) && c.dayOfWeek.has(d.getUTCDay())) {
      for (let t = start; t < dayStart + 86_400_000; t += 1000) if (matchesUtc(c, t)) return t;
    }
    start = dayStart + 86_400_000;
  }
  return undefined;
}

const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true });

describe('cron schedules (properties, UTC)', () => {
  it('find exactly the first matching instant after the given one', () => {
    fc.assert(
      fc.property(cron({}), instant, (c, after) => {
        let schedule;
        try {
          schedule = parseSchedule(c.expression, { timeZone: 'UTC' });
        } catch (error) {
          expect(error).toBeInstanceOf(ScheduleError);
          expect((error as ScheduleError).problem).toMatch(/never occurs/);
          expect(canEverOccur(c)).toBe(false);
          return;
        }
        expect(canEverOccur(c)).toBe(true);
        const next = schedule.next(after).getTime();
        expect(next).toBeGreaterThan(after.getTime());
        expect(matchesUtc(c, next)).toBe(true);
        expect(next).toBe(bruteForceNextUtc(c, after.getTime()));
      }),
      { numRuns: 200 },
    );
  });

  it('never skip an occurrence of a frequent schedule, over many consecutive calls', () => {
    const frequent = cron({ hour: every(0, 23), day: every(1, 31), month: every(1, 12), dayOfWeek: every(0, 6) });
    fc.assert(
      fc.property(frequent, instant, (c, start) => {
        const schedule = parseSchedule(c.expression, { timeZone: 'UTC' });
        let cursor = start.getTime();
        for (let i = 0; i < 20; i++) {
          const next = schedule.next(new Date(cursor)).getTime();
          for (let t = Math.floor(cursor / 1000) * 1000 + 1000; t < next; t += 1000) {
            if (matchesUtc(c, t)) throw new Error(`${c.expression}: ${new Date(t).toISOString()} was skipped`);
          }
          expect(matchesUtc(c, next)).toBe(true);
          cursor = next;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('read five fields as six with second 0', () => {
    fc.assert(
      fc.property(cron({ second: zero }), instant, (c, after) => {
        if (!canEverOccur(c)) return;
        const five = c.expression.split(' ').slice(1).join(' ');
        const fromFive = parseSchedule(five, { timeZone: 'UTC' }).next(after);
        expect(fromFive).toEqual(parseSchedule(c.expression, { timeZone: 'UTC' }).next(after));
      }),
      { numRuns: 100 },
    );
  });

  it('only ever throw ScheduleError for arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.array(fc.string({ unit: fc.constantFrom('*', '/', '-', ',', '0', '1', '5', '7', '9', 'J', 'a', 'n', ':', '.'), maxLength: 6 }), { minLength: 1, maxLength: 7 }).map((fields) => fields.join(' ')),
    );
    fc.assert(
      fc.property(text, (expression) => {
        try {
          const schedule = parseSchedule(expression, { timeZone: 'UTC' });
          const after = new Date('2024-01-01T00:00:00Z');
          expect(schedule.next(after).getTime()).toBeGreaterThan(after.getTime());
        } catch (error) {
          expect(error).toBeInstanceOf(ScheduleError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cron schedules (properties, local time)', () => {
  it('return a later instant whose local wall-clock time matches, or just follows a clock change', () => {
    fc.assert(
      fc.property(cron({}), instant, (c, after) => {
        if (!canEverOccur(c)) return;
        const next = parseSchedule(c.expression).next(after);
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        const matchesLocal =
          c.second.has(next.getSeconds()) &&
          c.minute.has(next.getMinutes()) &&
          c.hour.has(next.getHours()) &&
          c.day.has(next.getDate()) &&
          c.month.has(next.getMonth() + 1) &&
          c.dayOfWeek.has(next.getDay());
        const clockChangedJustBefore = new Date(next.getTime() - 3 * 3_600_000).getTimezoneOffset() !== next.getTimezoneOffset();
        expect(matchesLocal || clockChangedJustBefore).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cron schedules (properties, zones with daylight saving time)', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'];
  const wallFormatters = new Map(
    zones.map((zone) => [
      zone,
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' }),
    ]),
  );

  function wall(zone: string, at: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number; utc: number } {
    const parts: Record<string, string> = {};
    for (const part of wallFormatters.get(zone)?.formatToParts(at) ?? []) parts[part.type] = part.value;
    const fields = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
    return { ...fields, weekday: DAY_NAMES.indexOf(parts.weekday ?? ''), utc: Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) };
  }

  function wallMatches(c: GeneratedCron, zone: string, at: number): boolean {
    const w = wall(zone, at);
    return c.second.has(w.second) && c.minute.has(w.minute) && c.hour.has(w.hour) && c.day.has(w.day) && c.month.has(w.month) && c.dayOfWeek.has(w.weekday);
  }

  const offsetAt = (zone: string, at: number): number => wall(zone, at).utc - (at - (((at % 1000) + 1000) % 1000));

  /** `at` repeats a wall-clock time that already occurred an offset change earlier (the second pass after a fall-back). */
  function isSecondPass(zone: string, at: number): boolean {
    const before = offsetAt(zone, at - 3 * 3_600_000);
    const now = offsetAt(zone, at);
    if (before <= now) return false;
    const firstPass = at - (before - now);
    return offsetAt(zone, firstPass) === before && wall(zone, firstPass).utc === wall(zone, at).utc;
  }

  /** `at` stands in for a wall-clock time skipped by a spring-forward change, shifted by the size of the change. */
  function isShiftedFromGap(c: GeneratedCron, zone: string, at: number): boolean {
    const before = offsetAt(zone, at - 3 * 3_600_000);
    const now = offsetAt(zone, at);
    if (before >= now) return false;
    const shift = now - before;
    const skipped = new Date(wall(zone, at).utc - shift);
    return (
      c.second.has(skipped.getUTCSeconds()) &&
      c.minute.has(skipped.getUTCMinutes()) &&
      c.hour.has(skipped.getUTCHours()) &&
      c.day.has(skipped.getUTCDate()) &&
      c.month.has(skipped.getUTCMonth() + 1) &&
      c.dayOfWeek.has(skipped.getUTCDay())
    );
  }

  const hasRun = (values: ReadonlySet<number>): boolean => [...values].some((value) => values.has(value + 1));
  const aroundChanges = fc.oneof(
    fc.date({ min: new Date('2024-03-08T00:00:00Z'), max: new Date('2024-04-08T00:00:00Z'), noInvalidDate: true }),
    fc.date({ min: new Date('2024-09-05T00:00:00Z'), max: new Date('2024-11-05T00:00:00Z'), noInvalidDate: true }),
  );
  // Frequent schedules with second 0, so that a minute-by-minute scan sees every occurrence.
  const frequent = cron({ second: zero, day: every(1, 31), month: every(1, 12), dayOfWeek: every(0, 6) });

  it('move forward, land on a matching wall-clock time (or the shifted stand-in for a skipped one), and skip nothing', () => {
    fc.assert(
      fc.property(frequent, aroundChanges, fc.constantFrom(...zones), (c, start, zone) => {
        const schedule = parseSchedule(c.expression, { timeZone: zone });
        const interval = hasRun(c.second) || hasRun(c.minute) || hasRun(c.hour);
        let cursor = start.getTime();
        for (let i = 0; i < 5; i++) {
          const next = schedule.next(new Date(cursor)).getTime();
          expect(next).toBeGreaterThan(cursor);
          expect(wallMatches(c, zone, next) || isShiftedFromGap(c, zone, next)).toBe(true);
          for (let t = Math.floor(cursor / 60_000) * 60_000 + 60_000; t < next; t += 60_000) {
            if (wallMatches(c, zone, t) && (interval || !isSecondPass(zone, t))) {
              throw new Error(`${c.expression} in ${zone}: ${new Date(t).toISOString()} was skipped after ${new Date(cursor).toISOString()}`);
            }
          }
          cursor = next;
        }
      }),
      { numRuns: 80 },
    );
  });
});
