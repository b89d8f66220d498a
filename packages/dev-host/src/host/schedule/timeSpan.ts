// A timer schedule may be a .NET TimeSpan instead of a cron expression: '00:05:00' fires every five minutes,
// counted from when the timer starts. Accepted here: [d.]hh:mm[:ss[.fraction]], hours 0-23, minutes and seconds
// 0-59, as .NET's TimeSpan parser reads them.

const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

/** Looks like a TimeSpan rather than a cron expression: one token with a colon. */
export function looksLikeTimeSpan(expression: string): boolean {
  return /^[\d.:]+$/.test(expression) && expression.includes(':');
}

/** The interval in milliseconds, or a sentence saying what is wrong. */
export function parseTimeSpan(expression: string): number | string {
  const milliseconds = timeSpanMilliseconds(expression);
  if (milliseconds === 0) return 'the interval is zero; a timer needs an interval of at least one millisecond';
  return milliseconds;
}

/** Any TimeSpan in milliseconds, zero included (a retry may wait for no time at all), or what is wrong. */
export function timeSpanMilliseconds(expression: string): number | string {
  const match = TIME_SPAN.exec(expression);
  if (match === null) {
    return "a TimeSpan interval is written hh:mm:ss, optionally with days first (d.hh:mm:ss), e.g. '00:05:00' for every five minutes";
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  if (Number(hours) > 23) return `the hours ${hours} are out of range (0-23); write whole days first, e.g. '1.00:00:00' for a day`;
  if (Number(minutes) > 59) return `the minutes ${minutes} are out of range (0-59)`;
  if (Number(seconds) > 59) return `the seconds ${seconds} are out of range (0-59)`;
  const milliseconds =
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    Math.round(Number(`0.${fraction || '0'}`) * 1000);
  return milliseconds;
}
