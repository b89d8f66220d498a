import { afterEach, describe, expect, it } from 'vitest';
import type { Host, InvokeResult } from '../../index.js';
import { startAppHost } from '../../startHost.js';
import { fixtureDir } from '../../test-support/fixtures.js';
import { ManualRetryScheduler } from '../../test-support/manualRetryScheduler.js';
import { waitFor } from '../../test-support/waitFor.js';

// Whole-app tests of retry policies: real v4 apps, the retry loop's waits ended by the test (no sleeping).

let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(app: string, scheduler: ManualRetryScheduler): Promise<Host> {
  host = await startAppHost({ appDir: fixtureDir(app), retryScheduler: scheduler });
  return host;
}

function messages(run: InvokeResult | Host): string[] {
  return run.logs.map((log) => log.message);
}

/** What the function logged of its `context.retryContext`, one entry per attempt. */
function retryContexts(run: InvokeResult): unknown[] {
  return messages(run)
    .filter((message) => message.startsWith('retryContext '))
    .map((message) => JSON.parse(message.slice('retryContext '.length)) as unknown);
}

describe.each([
  ['CommonJS', 'retry-app'],
  ['ES module', 'retry-app-esm'],
])('a timer with a fixedDelay policy that fails twice, then passes (%s)', (_kind, app) => {
  it('runs three full invocations, tells each which retry it is, and succeeds', async () => {
    const scheduler = new ManualRetryScheduler({ immediate: true });
    const running = await start(app, scheduler);
    const run = await running.invoke('flaky');

    expect(run.failed).toBe(false);
    expect(run.attempts.map((attempt) => attempt.failed)).toEqual([true, true, false]);
    expect(new Set(run.attempts.map((attempt) => attempt.invocationId)).size).toBe(3);
    expect(run.invocationId).toBe(run.attempts[2]?.invocationId);
    expect(scheduler.delays).toEqual([10_000, 10_000]);

    const contexts = retryContexts(run) as { retryCount: number; maxRetryCount: number; exception?: { message: string } }[];
    expect(contexts.map(({ retryCount, maxRetryCount }) => ({ retryCount, maxRetryCount }))).toEqual([
      { retryCount: 0, maxRetryCount: 4 },
      { retryCount: 1, maxRetryCount: 4 },
      { retryCount: 2, maxRetryCount: 4 },
    ]);
    expect(contexts[0]?.exception).toBeUndefined();
    expect(contexts[1]?.exception?.message).toContain('Exception while executing function: Functions.flaky');
    expect(contexts[1]?.exception?.message).toContain('flaky attempt 1 failed');
    expect(contexts[2]?.exception?.message).toContain('flaky attempt 2 failed');

    // Hooks (what extensions build on) see every attempt.
    expect(messages(run).filter((message) => message.startsWith('pre hook: flaky'))).toEqual([
      'pre hook: flaky retryCount 0',
      'pre hook: flaky retryCount 1',
      'pre hook: flaky retryCount 2',
    ]);
    expect(messages(run).filter((message) => message.startsWith('post hook: flaky'))).toEqual([
      'post hook: flaky failed',
      'post hook: flaky failed',
      'post hook: flaky succeeded',
    ]);

    // The host's lines: each attempt executed, the wait before each retry.
    const hostLines = run.logs.filter((log) => log.source === 'host').map((log) => log.message);
    expect(hostLines.filter((line) => line.startsWith("Executed 'Functions.flaky'")).map((line) => /\((\w+),/.exec(line)?.[1])).toEqual([
      'Failed',
      'Failed',
      'Succeeded',
    ]);
    expect(hostLines).toContain("Waiting for `00:00:10` before retrying function execution. Next attempt: '1'. Max retry count: '4'.");
    expect(hostLines).toContain("Waiting for `00:00:10` before retrying function execution. Next attempt: '2'. Max retry count: '4'.");
  });
});

describe('retry policies in a running host', () => {
  it('spaces exponentialBackoff retries as the policy says: the minimum first, then growing, never above the maximum', async () => {
    const scheduler = new ManualRetryScheduler({ immediate: true });
    const running = await start('retry-app', scheduler);
    const run = await running.invoke('backoff');

    expect(run.attempts).toHaveLength(7);
    expect(run.failed).toBe(true);
    const [first, second, third, ...rest] = scheduler.delays;
    expect(scheduler.delays).toHaveLength(6);
    // minimumInterval 2 s, maximumInterval 20 s; each increment is randomized by ±20%.
    expect(first).toBe(2000);
    expect(second).toBeGreaterThanOrEqual(2000 + 0.8 * 2000);
    expect(second).toBeLessThanOrEqual(2000 + 1.2 * 2000);
    expect(third).toBeGreaterThanOrEqual(2000 + 0.8 * 4000);
    expect(third).toBeLessThanOrEqual(2000 + 1.2 * 4000);
    for (const delay of rest) {
      expect(delay).toBeLessThanOrEqual(20_000);
    }
    expect(scheduler.delays.at(-1)).toBe(20_000);
    expect(messages(run)).toContain("Function execution failed after '6' retries.");
  });

  it('waits the real backoff delays between attempts (measured, with tolerance for a busy machine)', async () => {
    host = await startAppHost({ appDir: fixtureDir('retry-app') });
    const run = await host.invoke('paced');
    expect(run.attempts).toHaveLength(3);
    // Each attempt starts after the previous one failed and its delay passed: 1 s, then 1.8 s to 2 s.
    const executed = run.logs.filter((log) => log.message.startsWith("Executed 'Functions.paced'")).map((log) => log.timestamp.getTime());
    const executing = run.logs.filter((log) => log.message.startsWith("Executing 'Functions.paced'")).map((log) => log.timestamp.getTime());
    const gaps = [0, 1].map((index) => (executing[index + 1] ?? Number.NaN) - (executed[index] ?? Number.NaN));
    // Timers never fire early (1 ms of clock granularity aside); late is only bounded loosely, the machine is shared.
    expect(gaps[0]).toBeGreaterThanOrEqual(1000 - 2);
    expect(gaps[1]).toBeGreaterThanOrEqual(1800 - 2);
    expect(gaps[0]).toBeLessThan(1000 + 5000);
    expect(gaps[1]).toBeLessThan(2000 + 5000);
    const waits = run.logs.filter((log) => log.message.startsWith('Waiting for')).map((log) => log.message);
    expect(waits[0]).toBe("Waiting for `00:00:01` before retrying function execution. Next attempt: '1'. Max retry count: '2'.");
    expect(waits[1]).toMatch(/^Waiting for `00:00:0(1\.[89]\d*|2)` before retrying/);
  }, 30_000);

  it('retries a timer that fires on its schedule, before its next occurrence', async () => {
    const scheduler = new ManualRetryScheduler();
    host = await startAppHost({ appDir: fixtureDir('retry-app'), retryScheduler: scheduler, env: { RETRY_TICK_SCHEDULE: '* * * * * *' } });
    const running = host;
    const executing = (): string[] => messages(running).filter((message) => message.startsWith("Executing 'Functions.scheduled'"));
    await scheduler.nextPending();
    expect(executing()).toHaveLength(1);
    const reason = /Reason='(Timer fired at [^']+)'/.exec(executing()[0] ?? '')?.[1];
    expect(reason).toBeDefined();
    scheduler.release();
    await waitFor('the retry', () => (messages(running).some((message) => message.startsWith("Executed 'Functions.scheduled' (Succeeded")) ? true : undefined));
    // The retry is the same occurrence (same reason); the next occurrence comes after it and starts from retry 0.
    expect(executing()[1]).toContain(`Reason='${reason ?? ''}'`);
    await scheduler.nextPending();
    expect(executing()).toHaveLength(3);
    expect(executing()[2]).not.toContain(`Reason='${reason ?? ''}'`);
    expect(scheduler.delays).toEqual([5000, 5000]);
  }, 20_000);

  it('stops when the policy runs out, in the host words, with the last error', async () => {
    const scheduler = new ManualRetryScheduler({ immediate: true });
    const running = await start('retry-app', scheduler);
    const run = await running.invoke('runsOut');

    expect(run.failed).toBe(true);
    expect(run.attempts).toHaveLength(3);
    expect(String(run.error)).toContain('runsOut always fails');
    expect(scheduler.delays).toEqual([1000, 1000]);
    const failedLine = run.logs.find((log) => log.message === "Function execution failed after '2' retries.");
    expect(failedLine?.level).toBe('error');
  });

  it('runs a function without a policy once, with no retryContext', async () => {
    const scheduler = new ManualRetryScheduler({ immediate: true });
    const running = await start('retry-app', scheduler);
    const run = await running.invoke('noPolicy');
    expect(run.attempts).toHaveLength(1);
    expect(retryContexts(run)).toEqual([null]);
    expect(messages(run)).toContain('pre hook: noPolicy retryCount none');
    expect(scheduler.delays).toEqual([]);
  });

  it('retries forever (-1) until the host closes, which cancels the pending retry', async () => {
    const scheduler = new ManualRetryScheduler();
    const running = await start('retry-app', scheduler);
    const invocation = running.invoke('forever');
    for (let retry = 1; retry <= 3; retry++) {
      await scheduler.nextPending();
      scheduler.release();
    }
    await scheduler.nextPending();
    const closed = running.close();
    const run = await invocation;
    await closed;
    host = undefined;

    expect(run.attempts).toHaveLength(4);
    expect(retryContexts(run).map((context) => (context as { retryCount: number }).retryCount)).toEqual([0, 1, 2, 3]);
    expect(scheduler.delays).toEqual([60_000, 60_000, 60_000, 60_000]);
    const cancelled = run.logs.find((log) => log.message === 'Invocation cancelled - exiting retry loop.');
    expect(cancelled?.level).toBe('warning');
    expect(scheduler.pendingCount).toBe(0);
  });

  it('cancels a pending retry of a manual run on shutdown, and a restarted host never runs it', async () => {
    const scheduler = new ManualRetryScheduler();
    const first = await start('retry-app', scheduler);
    expect((await first.fetch('/admin/functions/flaky', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(202);
    await scheduler.nextPending();
    const firstAttempts = messages(first).filter((message) => message.startsWith("Executing 'Functions.flaky'")).length;
    expect(firstAttempts).toBe(1);
    await first.close();
    expect(messages(first)).toContain('Invocation cancelled - exiting retry loop.');

    // A reload: the same app again. The old run's retry is gone; nothing of it runs in the new host.
    const second = await start('retry-app', scheduler);
    expect(scheduler.pendingCount).toBe(0);
    expect(messages(second).filter((message) => message.includes('Functions.flaky'))).toEqual([]);
    expect(messages(first).filter((message) => message.startsWith("Executing 'Functions.flaky'"))).toHaveLength(1);
  });

  it('warns at start-up about a policy on a trigger the host does not retry, in the host words', async () => {
    const running = await start('retry-app', new ManualRetryScheduler({ immediate: true }));
    const warning = running.logs.find((log) => log.message.startsWith('Soon retries'));
    expect(warning).toMatchObject({
      level: 'warning',
      message: "Soon retries will not be supported for function 'Functions.orders'. For more information, please visit http://aka.ms/func-retry-policies.",
    });
    expect(running.logs.filter((log) => log.message.startsWith('Soon retries'))).toHaveLength(1);
  });

  it('gives a hand-run queue message the metadata the queue trigger gives', async () => {
    const running = await start('retry-app', new ManualRetryScheduler({ immediate: true }));
    const before = Date.now();
    const run = await running.invoke('orders', { input: '{"orderId":42,"rush":true,"customer":{"id":"c-1"},"lines":[1]}' });
    expect(run.failed).toBe(false);
    const logged = messages(run).find((message) => message.startsWith('triggerMetadata '));
    const metadata = JSON.parse(logged?.slice('triggerMetadata '.length) ?? '{}') as Record<string, unknown>;
    // The host sends the body and scalar properties as text ('42', 'True'); the library parses text that is JSON.
    expect(metadata).toMatchObject({
      dequeueCount: 1,
      queueTrigger: { orderId: 42, rush: true, customer: { id: 'c-1' }, lines: [1] },
      orderId: 42,
      rush: 'True',
      customer: { id: 'c-1' },
    });
    expect(metadata.lines).toBeUndefined();
    expect(metadata.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof metadata.popReceipt).toBe('string');
    const insertion = Date.parse(String(metadata.insertionTime));
    expect(insertion).toBeGreaterThanOrEqual(before - 1);
    expect(String(metadata.insertionTime)).toMatch(/\+00:00$/);
    expect(Date.parse(String(metadata.expirationTime)) - insertion).toBe(7 * 24 * 3_600_000);
    expect(Date.parse(String(metadata.nextVisibleTime)) - insertion).toBe(10 * 60_000);

    // What the caller passes goes on top; the admin endpoint gives the same shape.
    const custom = await running.invoke('orders', { input: 'plain', triggerMetadata: { DequeueCount: 5 } });
    expect(messages(custom).find((message) => message.startsWith('triggerMetadata '))).toContain('"dequeueCount":5');
    expect((await running.fetch('/admin/functions/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: 'from admin' }) })).status).toBe(202);
    const adminLine = await waitFor('the admin run', () => messages(running).find((message) => message.startsWith('message "from admin"')));
    expect(adminLine).toBeDefined();
    expect(messages(running).some((message) => message.startsWith('triggerMetadata ') && message.includes('"queueTrigger":"from admin"') && message.includes('"dequeueCount":1'))).toBe(true);
  });
});
