import { describe, expect, it } from 'vitest';
import type { RpcRetryContext } from '../../app/coreApiTypes.js';
import type { LogLevel } from '../../app/logging/LogRecord.js';
import { ManualRetryScheduler } from '../../test-support/manualRetryScheduler.js';
import { FunctionRetries, type Attempt } from './FunctionRetries.js';
import type { RetryPolicy } from './retryPolicy.js';

function retriesFor(policy: RetryPolicy, scheduler = new ManualRetryScheduler({ immediate: true })) {
  const lines: { level: LogLevel; message: string; invocationId: string }[] = [];
  const retries = new FunctionRetries(new Map([['job', policy]]), {
    scheduler,
    log: (level, message, scope) => lines.push({ level, message, invocationId: scope.invocationId }),
  });
  return { retries, lines, scheduler };
}

/** An attempt that fails the first `failures` times and records the retry context it got. */
function attempts(failures: number) {
  const seen: (RpcRetryContext | undefined)[] = [];
  const attempt = (retryContext: RpcRetryContext | undefined): Promise<Attempt> => {
    seen.push(retryContext);
    const failed = seen.length <= failures;
    return Promise.resolve({ invocationId: `id-${seen.length}`, failed, error: failed ? new Error(`failure ${seen.length}`) : undefined });
  };
  return { seen, attempt };
}

describe('the retry loop', () => {
  it('with maxRetryCount 0 runs once and says it failed after 0 retries, as the host does', async () => {
    const { retries, lines } = retriesFor({ strategy: 'fixedDelay', maxRetryCount: 0, delayIntervalMs: 5 });
    const { seen, attempt } = attempts(9);
    expect(await retries.run('job', attempt)).toHaveLength(1);
    expect(seen).toEqual([{ retryCount: 0, maxRetryCount: 0 }]);
    expect(lines).toEqual([{ level: 'error', message: "Function execution failed after '0' retries.", invocationId: 'id-1' }]);
  });

  it('passes the previous failure on, and finds policies by name case-insensitively', async () => {
    const { retries } = retriesFor({ strategy: 'fixedDelay', maxRetryCount: 3, delayIntervalMs: 5 });
    const { seen, attempt } = attempts(1);
    expect((await retries.run('JOB', attempt)).map((run) => run.failed)).toEqual([true, false]);
    expect(seen[1]).toMatchObject({ retryCount: 1, maxRetryCount: 3, exception: { stackTrace: '', source: '' } });
    expect(seen[1]?.exception?.message).toMatch(/^Microsoft\.Azure\.WebJobs\.Host\.FunctionInvocationException : Exception while executing function: Functions\.JOB ---> Microsoft\.Azure\.WebJobs\.Script\.Workers\.Rpc\.RpcException : Result: Failure\nException: failure 1\nStack: Error: failure 1\n/);
    expect(seen[1]?.exception?.message).toMatch(/\n {3}End of inner exception$/);
  });

  it('starts no retry once cancelled, even when the wait had already ended', async () => {
    const scheduler = new ManualRetryScheduler();
    const { retries, lines } = retriesFor({ strategy: 'fixedDelay', maxRetryCount: -1, delayIntervalMs: 5 }, scheduler);
    const { seen, attempt } = attempts(99);
    const running = retries.run('job', attempt);
    await scheduler.nextPending();
    scheduler.release();
    retries.cancel();
    expect(await running).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ level: 'warning', message: 'Invocation cancelled - exiting retry loop.' });
    // After cancel(), a new run still runs once (a run in progress finishes), but never retries.
    expect(await retries.run('job', attempts(99).attempt)).toHaveLength(1);
  });

  it('runs a function without a policy once, with no retry context', async () => {
    const { retries } = retriesFor({ strategy: 'fixedDelay', maxRetryCount: 3, delayIntervalMs: 5 });
    const { seen, attempt } = attempts(5);
    expect(await retries.run('other', attempt)).toHaveLength(1);
    expect(seen).toEqual([undefined]);
  });
});
