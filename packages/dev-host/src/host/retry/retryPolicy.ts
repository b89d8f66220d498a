import { describeError } from '../../app/describeError.js';
import { timeSpanMilliseconds } from '../schedule/timeSpan.js';
import { retrySupportWarning } from './retriedTriggers.js';

// A function's `retry` option reaches the host in its registration metadata. `@azure/functions` writes it as the
// worker's RpcRetryOptions: `retryStrategy` ('fixedDelay' | 'exponentialBackoff', next to the caller's own
// `strategy`), `maxRetryCount`, and each interval as `{ seconds }` (the library takes milliseconds or a Duration
// object and rounds to whole seconds: `delayInterval: 500` arrives as one second, `100` as none). Metadata written by
// hand (the core API, function.json style) may carry TimeSpan strings ('00:00:10') or Duration objects instead; all
// of them are read here, and anything the host would refuse is a start-up error.

export interface FixedDelayPolicy {
  readonly strategy: 'fixedDelay';
  /** -1: retry until the host stops. */
  readonly maxRetryCount: number;
  readonly delayIntervalMs: number;
}

export interface ExponentialBackoffPolicy {
  readonly strategy: 'exponentialBackoff';
  readonly maxRetryCount: number;
  readonly minimumIntervalMs: number;
  readonly maximumIntervalMs: number;
}

export type RetryPolicy = FixedDelayPolicy | ExponentialBackoffPolicy;

/** What the host knows about the functions' retry policies after indexing. */
export interface RetryPolicies {
  /** By function name, lower-cased (function names are case-insensitive). */
  readonly byFunction: ReadonlyMap<string, RetryPolicy>;
  /** Policies the host refuses: each names the function, the field and the fix. */
  readonly problems: readonly string[];
  /** What the host warns about at start-up (a trigger type it does not retry, a missing count). */
  readonly warnings: readonly string[];
}

export interface FunctionRetryOptions {
  readonly name: string;
  readonly triggerType: string;
  /** `metadata.retryOptions` as registered; undefined or null when the function has no policy. */
  readonly retryOptions: unknown;
}

const strategies = "use \"fixedDelay\" (with delayInterval) or \"exponentialBackoff\" (with minimumInterval and maximumInterval)";
const durationForms = "milliseconds (a number), a Duration object such as { seconds: 10 }, or a TimeSpan string such as '00:00:10'";
const durationUnits: Readonly<Record<string, number>> = { hours: 3_600_000, minutes: 60_000, seconds: 1000, milliseconds: 1, nanos: 1e-6 };

/** Reads every function's policy; problems and warnings are collected for all functions at once. */
export function readRetryPolicies(functions: readonly FunctionRetryOptions[]): RetryPolicies {
  const byFunction = new Map<string, RetryPolicy>();
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const fn of functions) {
    if (fn.retryOptions === undefined || fn.retryOptions === null) {
      continue;
    }
    const reading = readRetryPolicy(fn.name, fn.retryOptions);
    if ('problem' in reading) {
      problems.push(reading.problem);
      continue;
    }
    warnings.push(...reading.warnings);
    const unsupported = retrySupportWarning(fn.name, fn.triggerType);
    if (unsupported !== undefined) {
      warnings.push(unsupported);
    }
    byFunction.set(fn.name.toLowerCase(), reading.policy);
  }
  return { byFunction, problems, warnings };
}

type PolicyReading = { readonly policy: RetryPolicy; readonly warnings: readonly string[] } | { readonly problem: string };

/** One function's policy, or why the host would refuse it. */
export function readRetryPolicy(functionName: string, retryOptions: unknown): PolicyReading {
  const fail = (field: string, message: string): PolicyReading => ({
    problem: `Function "${functionName}" has an invalid retry policy: retry.${field} ${message}`,
  });
  if (typeof retryOptions !== 'object' || retryOptions === null || Array.isArray(retryOptions)) {
    return { problem: `Function "${functionName}" has an invalid retry policy: it must be an object such as { strategy: 'fixedDelay', maxRetryCount: 3, delayInterval: { seconds: 10 } }.` };
  }
  const options = retryOptions as Record<string, unknown>;
  // The worker sends `retryStrategy`; the library also leaves the caller's `strategy` beside it.
  const strategy = options.retryStrategy ?? options.strategy;
  if (strategy !== 'fixedDelay' && strategy !== 'exponentialBackoff') {
    return fail('strategy', strategy === undefined ? `is missing: ${strategies}.` : `is ${describe(strategy)}, which is not a retry strategy: ${strategies}.`);
  }

  const warnings: string[] = [];
  let maxRetryCount = options.maxRetryCount;
  if (maxRetryCount === undefined || maxRetryCount === null) {
    // Protobuf has no "unset" for an int32: the host receives 0 and never retries.
    warnings.push(`Function "${functionName}" has a retry policy without maxRetryCount: like Azure, the dev host reads it as 0 and never retries. Set maxRetryCount (-1 retries until the host stops).`);
    maxRetryCount = 0;
  }
  if (typeof maxRetryCount !== 'number' || !Number.isInteger(maxRetryCount) || maxRetryCount < -1) {
    return fail('maxRetryCount', `is ${describe(maxRetryCount)}: use a whole number of retries, 0 or more, or -1 to retry until the host stops.`);
  }

  if (strategy === 'fixedDelay') {
    const delay = readDuration(options.delayInterval);
    if (typeof delay === 'string') {
      return fail('delayInterval', `${delay} (the fixedDelay strategy waits this long before each retry).`);
    }
    return { policy: { strategy, maxRetryCount, delayIntervalMs: delay }, warnings };
  }
  const minimum = readDuration(options.minimumInterval);
  if (typeof minimum === 'string') {
    return fail('minimumInterval', `${minimum} (the exponentialBackoff strategy waits at least this long before a retry).`);
  }
  const maximum = readDuration(options.maximumInterval);
  if (typeof maximum === 'string') {
    return fail('maximumInterval', `${maximum} (the exponentialBackoff strategy waits at most this long before a retry).`);
  }
  if (minimum > maximum) {
    return fail('minimumInterval', `(${minimum} ms) is greater than retry.maximumInterval (${maximum} ms): the minimum must not exceed the maximum.`);
  }
  return { policy: { strategy, maxRetryCount, minimumIntervalMs: minimum, maximumIntervalMs: maximum }, warnings };
}

/** A duration in milliseconds, or what is wrong with it (completing "retry.<field> …"). */
function readDuration(value: unknown): number | string {
  if (value === undefined || value === null) {
    return `is missing: give ${durationForms}`;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : `is ${describe(value)}: give a duration of 0 or more, as ${durationForms}`;
  }
  if (typeof value === 'string') {
    const milliseconds = timeSpanMilliseconds(value.trim());
    return typeof milliseconds === 'number' ? milliseconds : `is ${describe(value)}: ${milliseconds.replace(/, e\.g\..*$/, '')}, e.g. '00:00:10' for ten seconds`;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    let total = 0;
    for (const [unit, amount] of Object.entries(value)) {
      const factor = durationUnits[unit];
      if (factor === undefined) {
        return `has an unknown unit "${unit}": a Duration object has hours, minutes, seconds and milliseconds`;
      }
      if (amount === undefined || amount === null) {
        continue;
      }
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        return `has ${unit} ${describe(amount)}: each unit of a Duration object is a number`;
      }
      total += amount * factor;
    }
    return total >= 0 ? total : `is negative (${total} ms): give a duration of 0 or more`;
  }
  return `is ${describe(value)}: give ${durationForms}`;
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  return typeof value === 'string' ? JSON.stringify(value) : describeError(value);
}
