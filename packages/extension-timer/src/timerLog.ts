import type { Elapsed } from './elapsed.js';
import { formatMilliseconds } from './elapsed.js';

/** How the invocation ended, as the timer reports it. */
export type Outcome = 'completed' | 'failed' | 'answered early';

export interface TimedInvocation {
  readonly functionName: string;
  readonly invocationId: string;
  readonly outcome: Outcome;
  readonly elapsed: Elapsed;
}

/** `[timer] HttpTrigger (invocation 5f0e…) completed in 1.234 ms` */
export function elapsedLogLine(invocation: TimedInvocation): string {
  return (
    `[timer] ${invocation.functionName} (invocation ${invocation.invocationId}) ` +
    `${invocation.outcome} in ${formatMilliseconds(invocation.elapsed)} ms`
  );
}

/** `[timer] HttpTrigger (invocation 5f0e…) was slow: 1234.567 ms, above the 1000 ms threshold` */
export function slowLogLine(invocation: TimedInvocation, thresholdMs: number): string {
  return (
    `[timer] ${invocation.functionName} (invocation ${invocation.invocationId}) was slow: ` +
    `${formatMilliseconds(invocation.elapsed)} ms, above the ${thresholdMs} ms threshold`
  );
}
