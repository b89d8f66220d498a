import { describe, expect, it } from 'vitest';
import { libraryForWorker } from '../../test-support/libraryForWorker.js';
import { WorkerApp } from '../../worker/WorkerApp.js';
import { readRetryPolicies, readRetryPolicy } from './retryPolicy.js';

/** What the real `@azure/functions` puts into the registration metadata for a timer with `retry`. */
function registeredRetryOptions(retry: unknown): unknown {
  const worker = new WorkerApp('/app', () => undefined);
  const { app } = libraryForWorker(worker);
  app.timer('tick', { schedule: '0 0 * * * *', retry: retry as never, handler: () => undefined });
  return worker.functions[0]?.metadata.retryOptions;
}

describe('reading the retry policy that @azure/functions registers', () => {
  it('reads a fixedDelay policy with a Duration object', () => {
    const options = registeredRetryOptions({ strategy: 'fixedDelay', maxRetryCount: 4, delayInterval: { seconds: 10 } });
    expect(readRetryPolicy('tick', options)).toEqual({ policy: { strategy: 'fixedDelay', maxRetryCount: 4, delayIntervalMs: 10_000 }, warnings: [] });
  });

  it('reads an exponentialBackoff policy with hours, minutes and milliseconds', () => {
    const options = registeredRetryOptions({
      strategy: 'exponentialBackoff',
      maxRetryCount: -1,
      minimumInterval: { minutes: 1, milliseconds: 30_000 },
      maximumInterval: { hours: 1 },
    });
    expect(readRetryPolicy('tick', options)).toEqual({
      policy: { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumIntervalMs: 90_000, maximumIntervalMs: 3_600_000 },
      warnings: [],
    });
  });

  it('gets whole seconds, as the host does: the library rounds milliseconds', () => {
    const half = registeredRetryOptions({ strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: 500 });
    const tenth = registeredRetryOptions({ strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: 100 });
    expect(readRetryPolicy('tick', half)).toMatchObject({ policy: { delayIntervalMs: 1000 } });
    expect(readRetryPolicy('tick', tenth)).toMatchObject({ policy: { delayIntervalMs: 0 } });
  });

  it('is refused by the library itself for a TimeSpan string (a load error, before the host sees it)', () => {
    expect(() => registeredRetryOptions({ strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: '00:00:10' })).toThrow(
      /A 'number' or 'Duration' object was expected instead of a 'string'/,
    );
  });

  it('names the function, the field and the fix for what the host refuses', () => {
    const problem = (retry: unknown): string => {
      const reading = readRetryPolicy('tick', registeredRetryOptions(retry));
      return 'problem' in reading ? reading.problem : 'accepted';
    };
    expect(problem({ strategy: 'fixed', maxRetryCount: 1, delayInterval: 1000 })).toBe(
      'Function "tick" has an invalid retry policy: retry.strategy is "fixed", which is not a retry strategy: use "fixedDelay" (with delayInterval) or "exponentialBackoff" (with minimumInterval and maximumInterval).',
    );
    expect(problem({ strategy: 'fixedDelay', maxRetryCount: -2, delayInterval: 1000 })).toMatch(
      /retry\.maxRetryCount is -2: use a whole number of retries, 0 or more, or -1/,
    );
    expect(problem({ strategy: 'fixedDelay', maxRetryCount: 1.5, delayInterval: 1000 })).toMatch(/retry\.maxRetryCount is 1\.5/);
    expect(problem({ strategy: 'fixedDelay', maxRetryCount: 1 })).toMatch(/retry\.delayInterval is missing: give milliseconds \(a number\), a Duration object/);
    expect(problem({ strategy: 'exponentialBackoff', maxRetryCount: 1, minimumInterval: 1000 })).toMatch(/retry\.maximumInterval is missing/);
    expect(problem({ strategy: 'exponentialBackoff', maxRetryCount: 1, minimumInterval: { seconds: 9 }, maximumInterval: { seconds: 3 } })).toMatch(
      /retry\.minimumInterval \(9000 ms\) is greater than retry\.maximumInterval \(3000 ms\)/,
    );
  });

  it('reads a missing maxRetryCount as 0, as Azure does, and warns', () => {
    const reading = readRetryPolicy('tick', registeredRetryOptions({ strategy: 'fixedDelay', delayInterval: 1000 }));
    expect(reading).toMatchObject({ policy: { maxRetryCount: 0 } });
    expect('warnings' in reading ? reading.warnings[0] : '').toMatch(/without maxRetryCount: like Azure, the dev host reads it as 0/);
  });
});

describe('reading retry metadata written by hand (core API, function.json style)', () => {
  it('accepts TimeSpan strings and protobuf durations', () => {
    expect(readRetryPolicy('job', { strategy: 'exponentialBackoff', maxRetryCount: 2, minimumInterval: '00:00:04', maximumInterval: '1.00:00:00' })).toEqual({
      policy: { strategy: 'exponentialBackoff', maxRetryCount: 2, minimumIntervalMs: 4000, maximumIntervalMs: 86_400_000 },
      warnings: [],
    });
    expect(readRetryPolicy('job', { retryStrategy: 'fixedDelay', maxRetryCount: 1, delayInterval: { seconds: 1, nanos: 500_000_000 } })).toMatchObject({
      policy: { delayIntervalMs: 1500 },
    });
  });

  it('refuses a malformed TimeSpan or a Duration with an unknown unit, saying how to write it', () => {
    expect(readRetryPolicy('job', { strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: '10s' })).toEqual({
      problem: `Function "job" has an invalid retry policy: retry.delayInterval is "10s": a TimeSpan interval is written hh:mm:ss, optionally with days first (d.hh:mm:ss), e.g. '00:00:10' for ten seconds (the fixedDelay strategy waits this long before each retry).`,
    });
    expect(readRetryPolicy('job', { strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: { secs: 1 } })).toMatchObject({
      problem: expect.stringMatching(/retry\.delayInterval has an unknown unit "secs"/) as unknown,
    });
  });

  it('collects every problem, and warns for a trigger the host does not retry', () => {
    const policies = readRetryPolicies([
      { name: 'a', triggerType: 'timerTrigger', retryOptions: { strategy: 'nope' } },
      { name: 'b', triggerType: 'queueTrigger', retryOptions: { strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: 0 } },
      { name: 'c', triggerType: 'eventHubTrigger', retryOptions: { strategy: 'fixedDelay', maxRetryCount: 1, delayInterval: 0 } },
      { name: 'd', triggerType: 'timerTrigger', retryOptions: { strategy: 'fixedDelay', maxRetryCount: 'x', delayInterval: 0 } },
      { name: 'e', triggerType: 'httpTrigger', retryOptions: undefined },
    ]);
    expect(policies.problems).toHaveLength(2);
    expect(policies.warnings).toEqual([
      "Soon retries will not be supported for function 'Functions.b'. For more information, please visit http://aka.ms/func-retry-policies.",
    ]);
    expect([...policies.byFunction.keys()]).toEqual(['b', 'c']);
  });
});
