import { DAY, DAY_OF_WEEK, HOUR, MINUTE, MONTH, SECOND, CronFieldProblem, parseCronField, type CronFieldSpec } from './cronField.js';
import { impossibleDates, nextOccurrence, type CronFields } from './cronSchedule.js';
import { ScheduleError } from './scheduleError.js';
import { looksLikeTimeSpan, parseTimeSpan } from './timeSpan.js';
import { LOCAL_TIME_ZONE, namedTimeZone, type TimeZone } from './timeZone.js';

export { ScheduleError } from './scheduleError.js';

export interface Schedule {
  readonly expression: string;
  /** 'cron' for NCRONTAB expressions, 'interval' for TimeSpans such as '00:05:00'. */
  readonly kind: 'cron' | 'interval';
  /** The next occurrence strictly after `after`. */
  next(after: Date): Date;
}

export interface ScheduleOptions {
  /**
   * The IANA time zone the cron fields are read in, e.g. 'Europe/Berlin'. Default: the process's local zone, which
   * is what the host uses (set TZ, or WEBSITE_TIME_ZONE on Windows plans, to change it there).
   */
  timeZone?: string;
}

const SIX_FIELDS: readonly CronFieldSpec[] = [SECOND, MINUTE, HOUR, DAY, MONTH, DAY_OF_WEEK];
const FORMAT =
  "use six fields '{second} {minute} {hour} {day} {month} {day-of-week}' (e.g. '0 */5 * * * *' for every five minutes) or a TimeSpan 'hh:mm:ss'";

function resolveZone(expression: string, options: ScheduleOptions): TimeZone {
  if (options.timeZone === undefined) return LOCAL_TIME_ZONE;
  try {
    return namedTimeZone(options.timeZone);
  } catch {
    throw new ScheduleError(expression, `the time zone '${options.timeZone}' is not known; use an IANA name such as 'Europe/Berlin'`);
  }
}

function parseCronFields(expression: string, tokens: readonly string[]): CronFields {
  // The host also takes five fields (no seconds), firing at second 0, as NCrontab's five-field form does.
  const texts = tokens.length === 5 ? ['0', ...tokens] : tokens;
  try {
    const [second, minute, hour, day, month, dayOfWeek] = SIX_FIELDS.map((spec, index) => parseCronField(spec, texts[index] ?? ''));
    if (second === undefined || minute === undefined || hour === undefined || day === undefined || month === undefined || dayOfWeek === undefined) {
      throw new ScheduleError(expression, FORMAT);
    }
    return { second, minute, hour, day, month, dayOfWeek };
  } catch (error) {
    if (error instanceof CronFieldProblem) throw new ScheduleError(expression, error.message);
    throw error;
  }
}

function cronSchedule(expression: string, tokens: readonly string[], zone: TimeZone): Schedule {
  const fields = parseCronFields(expression, tokens);
  const impossible = impossibleDates(fields);
  if (impossible !== undefined) throw new ScheduleError(expression, impossible);
  return {
    expression,
    kind: 'cron',
    next(after) {
      const instant = nextOccurrence(fields, zone, checkedTime(after));
      if (instant === undefined) {
        throw new ScheduleError(expression, `it has no occurrence within 60 years after ${after.toISOString()}`);
      }
      return new Date(instant);
    },
  };
}

function intervalSchedule(expression: string, interval: number): Schedule {
  return {
    expression,
    kind: 'interval',
    next: (after) => new Date(checkedTime(after) + interval),
  };
}

function checkedTime(after: Date): number {
  const time = after instanceof Date ? after.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new TypeError('Schedule.next(after) needs a valid Date.');
  return time;
}

/**
 * Parses a timer trigger's schedule as the Functions host does: an NCRONTAB expression with six fields
 * `{second} {minute} {hour} {day} {month} {day-of-week}` (five, without seconds, are accepted too), read in local
 * time, or a TimeSpan `hh:mm:ss` interval. Throws a ScheduleError naming the field, the value and what is allowed.
 */
export function parseSchedule(expression: string, options: ScheduleOptions = {}): Schedule {
  if (typeof expression !== 'string') {
    throw new ScheduleError(String(expression), `a schedule must be a string; ${FORMAT}`);
  }
  const trimmed = expression.trim();
  if (/^%[^%]+%$/.test(trimmed)) {
    throw new ScheduleError(expression, `it is an app setting reference; replace '${trimmed}' with the setting's value before parsing it`);
  }
  const tokens = trimmed === '' ? [] : trimmed.split(/\s+/);
  if (tokens.length === 6 || tokens.length === 5) return cronSchedule(expression, tokens, resolveZone(expression, options));
  if (tokens.length === 1 && looksLikeTimeSpan(trimmed)) {
    const interval = parseTimeSpan(trimmed);
    if (typeof interval === 'string') throw new ScheduleError(expression, interval);
    return intervalSchedule(expression, interval);
  }
  const count = tokens.length === 1 ? '1 field' : `${tokens.length} fields`;
  throw new ScheduleError(expression, `it has ${count}; ${FORMAT}`);
}
