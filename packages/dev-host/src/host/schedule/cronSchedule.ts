import { DAY, DAY_OF_WEEK, HOUR, MINUTE, MONTH, SECOND, type CronField } from './cronField.js';
import { firstOffsetChange, type TimeZone } from './timeZone.js';

export interface CronFields {
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly day: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
/** How far ahead the search looks before it gives up; a valid schedule always occurs well within it. */
const SEARCH_YEARS = 60;
const MAX_OFFSET_CHANGES = 1000;

/** Largest day of each month in any year (February 29 exists in leap years). */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Explains why no date can ever satisfy the day and month fields (for example 'day 30 of February'), or returns
 * undefined when some date can. The day-of-week field never makes a schedule impossible: every calendar date
 * falls on every weekday within 28 years.
 */
export function impossibleDates(fields: CronFields): string | undefined {
  for (const month of fields.month.values) {
    const longest = LONGEST_MONTH[month - 1] ?? 31;
    if (fields.day.values.some((day) => day <= longest)) return undefined;
  }
  const months = fields.month.values.map((month) => MONTH.names?.[month - 1] ?? String(month)).join(', ');
  const days = fields.day.values.join(', ');
  return `it never occurs: no day ${days} exists in ${months}`;
}

/** The earliest time of day at or after h:m:s allowed by the time fields, as [h, m, s]. */
function timeOfDayFrom(fields: CronFields, hour: number, minute: number, second: number): [number, number, number] | undefined {
  if (fields.hour.has(hour)) {
    if (fields.minute.has(minute)) {
      const s = fields.second.nextFrom(second);
      if (s !== -1) return [hour, minute, s];
    }
    const m = fields.minute.nextFrom(minute + 1);
    if (m !== -1) return [hour, m, fields.second.first];
  }
  const h = fields.hour.nextFrom(hour + 1);
  return h === -1 ? undefined : [h, fields.minute.first, fields.second.first];
}

/**
 * The first wall-clock time strictly after `wall` (both as Date.UTC milliseconds of wall-clock fields) that the
 * fields allow. Day and day of week must BOTH match, as in NCrontab (unlike Vixie cron, which ORs them). Returns
 * undefined when nothing matches within SEARCH_YEARS.
 */
export function nextWallClockMatch(fields: CronFields, wall: number): number | undefined {
  let cursor = new Date(Math.floor(wall / SECOND_MS) * SECOND_MS + SECOND_MS);
  const giveUpYear = cursor.getUTCFullYear() + SEARCH_YEARS;
  while (cursor.getUTCFullYear() <= giveUpYear) {
    const year = cursor.getUTCFullYear();
    const month = cursor.getUTCMonth();
    if (!fields.month.has(month + 1)) {
      cursor = new Date(Date.UTC(year, month + 1, 1));
      continue;
    }
    const date = cursor.getUTCDate();
    if (fields.day.has(date) && fields.dayOfWeek.has(cursor.getUTCDay())) {
      const time = timeOfDayFrom(fields, cursor.getUTCHours(), cursor.getUTCMinutes(), cursor.getUTCSeconds());
      if (time !== undefined) return Date.UTC(year, month, date, ...time);
    }
    cursor = new Date(Date.UTC(year, month, date + 1));
  }
  return undefined;
}

/**
 * NCrontab's definition of the field kinds the host calls "interval" schedules: some time field has adjacent
 * values (it prints as '*' or a range). During the repeated hour when daylight saving time ends, an interval
 * schedule keeps firing through both passes; a point-in-time schedule (e.g. every day at 01:30) fires only once.
 */
export function isIntervalSchedule(fields: CronFields): boolean {
  return fields.second.hasRun || fields.minute.hasRun || fields.hour.hasRun;
}

/**
 * The next instant strictly after `after` at which the schedule fires in `zone`. Time is walked through in spans of
 * constant UTC offset. Within a span, wall-clock matches map to instants one to one. When the clock springs
 * forward, wall-clock times in the gap fire at the same distance after the change (02:30 in a 02:00→03:00 gap fires
 * at 03:30), as the host does. When it falls back, the repeated wall-clock times fire again only for interval
 * schedules.
 */
export function nextOccurrence(fields: CronFields, zone: TimeZone, after: number): number | undefined {
  const interval = isIntervalSchedule(fields);
  let cursor = after;
  let offset = zone.offsetAt(cursor);
  let fromWall = cursor + offset;
  if (!interval) fromWall = Math.max(fromWall, endOfRepeatedWallClock(zone, after, offset) - 1);
  let best: number | undefined;
  for (let changes = 0; changes <= MAX_OFFSET_CHANGES; changes++) {
    const wall = nextWallClockMatch(fields, fromWall);
    if (wall === undefined) return best;
    const candidate = wall - offset;
    const change = firstOffsetChange(zone, cursor, best === undefined ? candidate : Math.min(candidate, best), offset);
    if (change === undefined) return best === undefined ? candidate : Math.min(best, candidate);
    const newOffset = zone.offsetAt(change);
    if (newOffset > offset && wall < change + newOffset) {
      // A wall-clock time skipped by the change: it fires as if the old offset still held.
      best = best === undefined ? candidate : Math.min(best, candidate);
    }
    fromWall = (newOffset < offset && !interval ? change + offset : change + newOffset) - 1;
    cursor = change;
    offset = newOffset;
  }
  return best;
}

/**
 * When `instant` lies in the second pass through wall-clock times that a fall-back change repeats, the end of
 * those repeated times (as wall-clock milliseconds); otherwise -Infinity. A point-in-time schedule that starts
 * there assumes the first pass already fired, as the host does.
 */
function endOfRepeatedWallClock(zone: TimeZone, instant: number, offset: number): number {
  const dayBefore = instant - DAY_MS;
  const earlierOffset = zone.offsetAt(dayBefore);
  if (earlierOffset <= offset) return -Infinity;
  const change = firstOffsetChange(zone, dayBefore, instant, earlierOffset);
  if (change === undefined) return -Infinity;
  return change + earlierOffset;
}

export { SECOND, MINUTE, HOUR, DAY, MONTH, DAY_OF_WEEK, DAY_MS };
