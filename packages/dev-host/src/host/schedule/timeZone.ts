// A schedule is wall-clock time in a time zone: the process's local zone by default (as the host uses the machine's
// zone, or WEBSITE_TIME_ZONE / TZ), or a named IANA zone. All that is needed of a zone is its UTC offset at an
// instant; wall-clock times are then handled as "UTC" milliseconds (Date.UTC of the wall-clock fields).

export interface TimeZone {
  readonly name: string;
  /** Milliseconds to add to a UTC instant to get its wall-clock time. */
  offsetAt(instant: number): number;
}

export const LOCAL_TIME_ZONE: TimeZone = {
  name: 'local',
  offsetAt: (instant) => -new Date(instant).getTimezoneOffset() * 60_000,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(name: string): Intl.DateTimeFormat {
  let formatter = formatters.get(name);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(name, formatter);
  }
  return formatter;
}

/** A named IANA zone such as 'Europe/Berlin'; throws a RangeError for a name the runtime does not know. */
export function namedTimeZone(name: string): TimeZone {
  const formatter = formatterFor(name);
  return {
    name,
    offsetAt(instant) {
      const fields: Record<string, string> = {};
      for (const part of formatter.formatToParts(instant)) fields[part.type] = part.value;
      const year = Number(fields.year) * (fields.era === 'BC' || fields.era === 'B' ? -1 : 1);
      const wall = Date.UTC(year, Number(fields.month) - 1, Number(fields.day), Number(fields.hour), Number(fields.minute), Number(fields.second));
      const whole = instant - (((instant % 1000) + 1000) % 1000);
      return wall - whole;
    },
  };
}

const DAY = 86_400_000;

/**
 * The first instant in (from, to] at which the zone's offset differs from `offset`, to the millisecond; undefined
 * when it does not change. Offsets are sampled a day apart: real zones never change twice within a day.
 */
export function firstOffsetChange(zone: TimeZone, from: number, to: number, offset: number): number | undefined {
  let low = from;
  while (low < to) {
    const high = Math.min(low + DAY, to);
    if (zone.offsetAt(high) !== offset) {
      let before = low;
      let after = high;
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (zone.offsetAt(middle) === offset) before = middle;
        else after = middle;
      }
      return after;
    }
    low = high;
  }
  return undefined;
}
