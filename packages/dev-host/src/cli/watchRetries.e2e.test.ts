import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

const cleanup: (() => void)[] = [];

afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** `POST /admin/functions/{name}`: runs the function by hand, in the background. */
async function runByHand(base: string, name: string): Promise<number> {
  const res = await fetch(`${base}/admin/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return res.status;
}

describe('retries under azfx start --watch', () => {
  it('runs retries in the worker process on real timers; a reload and shutdown cancel pending retries', async () => {
    const app = copyFixture('retry-app');
    cleanup.push(app.remove);
    const run = runCli(['start', app.dir, '--watch', '--verbose', '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /serving .+ at (http:\/\/\S+?)(?: \(watch mode|\. Press)/);
    await waitForOutput(run, /Functions:/);

    // A policy that runs out: three attempts a second apart, then the host's verdict.
    expect(await runByHand(base, 'runsOut')).toBe(202);
    await waitFor('the verdict', () => (run.errors().includes("Function execution failed after '2' retries.") ? true : undefined), 20_000);
    expect(count(run.output(), "Executing 'Functions.runsOut'")).toBe(3);
    expect(run.output()).toContain("Waiting for `00:00:01` before retrying function execution. Next attempt: '2'. Max retry count: '2'.");
    // The retry context crossed to the worker process: the app saw the count and the previous attempt's failure.
    const lastContext = run.output().split('\n').find((line) => line.includes('retryContext') && line.includes('"retryCount":2'));
    expect(lastContext).toContain('"maxRetryCount":2');
    expect(lastContext).toContain('Exception while executing function: Functions.runsOut');

    // A function that retries every minute, forever: its first attempt fails, then the code changes.
    expect(await runByHand(base, 'forever')).toBe(202);
    await waitForOutput(run, /(Waiting for `00:01:00` before retrying function execution\. Next attempt: '1')/);
    appendFileSync(path.join(app.dir, 'src', 'functions.js'), '\n// changed\n');
    await waitFor('the cancelled retry', () => (run.errors().includes('Invocation cancelled - exiting retry loop.') ? true : undefined), 20_000);

    // The new code serves, and the old run's retry never ran.
    await waitFor('the reloaded app', async () => ((await fetch(`${base}/admin/host/status`)).status === 200 ? true : undefined), 20_000);
    expect(await runByHand(base, 'noPolicy')).toBe(202);
    await waitFor('the new app run', () => (run.output().includes("Executing 'Functions.noPolicy'") ? true : undefined), 20_000);
    expect(count(run.output(), "Executing 'Functions.forever'")).toBe(1);

    // The new code's own pending retry: Ctrl+C cancels it at once, without waiting out the delay or the grace period.
    expect(await runByHand(base, 'forever')).toBe(202);
    await waitFor('the second pending retry', () => (count(run.output(), "Waiting for `00:01:00` before retrying function execution. Next attempt: '1'") === 2 ? true : undefined), 20_000);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(count(run.errors(), 'Invocation cancelled - exiting retry loop.')).toBe(2);
    expect(run.errors()).not.toContain('still running after');
    expect(count(run.output(), "Executing 'Functions.forever'")).toBe(2);
  }, 90_000);

  it('cancels the pending retries of a worker process that exits; the restarted worker serves', async () => {
    const run = runCli(['start', fixtureDir('retry-app'), '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /serving .+ at (http:\/\/\S+?)(?: \(watch mode|\. Press)/);

    expect(await runByHand(base, 'exitsWorker')).toBe(202);
    await waitFor('the cancelled retry', () => (run.errors().includes('Invocation cancelled - exiting retry loop.') ? true : undefined), 20_000);
    expect(run.errors()).toMatch(/The worker process \(pid \d+\) exited with code 3/);
    expect(await runByHand(base, 'noPolicy')).toBe(202);
    await waitFor('a run on the new worker', () => (run.output().includes("Executing 'Functions.noPolicy'") ? true : undefined), 20_000);
    expect(count(run.output(), "Executing 'Functions.exitsWorker'")).toBe(1);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  }, 60_000);
});
