import type { RpcRetryContext } from '../../app/coreApiTypes.js';
import type { LogLevel } from '../../app/logging/LogRecord.js';
import { retryContextFor } from './retryContext.js';
import { retryDelays, type Random } from './retryDelays.js';
import { exitRetryLoopLine, retriesFailedLine, waitingLine, type RetryLogLine } from './retryLog.js';
import type { RetryPolicy } from './retryPolicy.js';
import { timerRetryScheduler, type RetryScheduler } from './retryScheduler.js';

/** What the loop needs to know about one attempt: a full invocation, with its own invocation id. */
export interface Attempt {
  readonly invocationId: string;
  readonly failed: boolean;
  readonly error?: unknown;
}

export interface FunctionRetriesOptions {
  /** Where the host's retry lines go; `invocationId` is the attempt the line follows. */
  readonly log: (level: LogLevel, message: string, scope: { functionName: string; invocationId: string }) => void;
  readonly scheduler?: RetryScheduler | undefined;
  readonly random?: Random;
}

/**
 * The host's retry loop for one app: runs a function, and while the attempt fails and its policy allows, waits the
 * policy's delay and runs it again as a new invocation, telling it which retry it is. Stopping the app (shutdown, or
 * a reload that replaces it) cancels every pending retry: no retry ever runs against code that is being replaced.
 */
export class FunctionRetries {
  readonly #policies: ReadonlyMap<string, RetryPolicy>;
  readonly #options: FunctionRetriesOptions;
  readonly #stopping = new AbortController();

  /** `policies` by lower-cased function name. */
  constructor(policies: ReadonlyMap<string, RetryPolicy>, options: FunctionRetriesOptions) {
    this.#policies = policies;
    this.#options = options;
  }

  policyOf(functionName: string): RetryPolicy | undefined {
    return this.#policies.get(functionName.toLowerCase());
  }

  /** Cancels pending retries and lets no new one start; an attempt already running finishes. Idempotent. */
  cancel(): void {
    this.#stopping.abort();
  }

  /**
   * Runs `attempt` until it succeeds, the policy runs out, or the app stops, and returns every attempt in order.
   * A function without a policy runs once, with no retry context (as in the host).
   */
  async run<T extends Attempt>(functionName: string, attempt: (retryContext: RpcRetryContext | undefined) => Promise<T>): Promise<T[]> {
    const policy = this.policyOf(functionName);
    if (policy === undefined) {
      return [await attempt(undefined)];
    }
    const signal = this.#stopping.signal;
    const scheduler = this.#options.scheduler ?? timerRetryScheduler;
    const nextDelay = retryDelays(policy, this.#options.random);
    const { maxRetryCount } = policy;
    const attempts: T[] = [];
    let retryCount = 0;
    let previous: { functionName: string; error: unknown } | undefined;
    for (;;) {
      const result = await attempt(retryContextFor(retryCount, maxRetryCount, previous));
      attempts.push(result);
      if (!result.failed) {
        return attempts;
      }
      const log = (line: RetryLogLine): void => {
        this.#options.log(line.level, line.message, { functionName, invocationId: result.invocationId });
      };
      if (maxRetryCount !== -1 && retryCount === maxRetryCount) {
        log(retriesFailedLine(retryCount));
        return attempts;
      }
      retryCount += 1;
      previous = { functionName, error: result.error };
      const delay = nextDelay();
      log(waitingLine(delay, retryCount, maxRetryCount));
      const waited = await scheduler.wait(delay, signal);
      if (!waited || signal.aborted) {
        log(exitRetryLoopLine());
        return attempts;
      }
    }
  }
}
