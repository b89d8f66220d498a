// The host's log lines around retries (the WebJobs SDK's), word for word, with the level it writes them at.

import type { LogLevel } from '../../app/logging/LogRecord.js';

export interface RetryLogLine {
  readonly level: LogLevel;
  readonly message: string;
}

/** Before each retry; Debug, so Core Tools shows it with --verbose only (as `azfx start --verbose` does). */
export function waitingLine(delayMs: number, nextAttempt: number, maxRetryCount: number): RetryLogLine {
  return {
    level: 'debug',
    message: `Waiting for \`${formatTimeSpan(delayMs)}\` before retrying function execution. Next attempt: '${nextAttempt}'. Max retry count: '${maxRetryCount}'.`,
  };
}

/** When the last allowed retry failed too. */
export function retriesFailedLine(retries: number): RetryLogLine {
  return { level: 'error', message: `Function execution failed after '${retries}' retries.` };
}

/** When shutdown (or a reload) cancels a pending retry. */
export function exitRetryLoopLine(): RetryLogLine {
  return { level: 'warning', message: 'Invocation cancelled - exiting retry loop.' };
}

/** A duration as .NET prints a TimeSpan: [d.]hh:mm:ss[.fffffff]. */
export function formatTimeSpan(milliseconds: number): string {
  const ticks = Math.round(milliseconds * 10_000);
  const days = Math.floor(ticks / 864_000_000_000);
  const rest = ticks - days * 864_000_000_000;
  const hours = Math.floor(rest / 36_000_000_000);
  const minutes = Math.floor((rest % 36_000_000_000) / 600_000_000);
  const seconds = Math.floor((rest % 600_000_000) / 10_000_000);
  const fraction = rest % 10_000_000;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${two(hours)}:${two(minutes)}:${two(seconds)}${fraction > 0 ? `.${String(fraction).padStart(7, '0')}` : ''}`;
}
