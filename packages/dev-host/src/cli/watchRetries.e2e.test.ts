import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../test-support/fixtures.js';
import { runCli, waitForOutput } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

const cleanup: (() => void)[] = [];

afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('retries under azfx start --watch', () => {
  it('runs retries on real timers, and a reload cancels the pending retry of the old code', async () => {
    const app = copyFixture('retry-app');
    cleanup.push(app.remove);
    const run = runCli(['start', app.dir, '--watch', '--verbose', '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /watch mode\) on (http:\/\/localhost:\d+)/);
    await waitForOutput(run, /Functions:/);

    // A policy that runs out: three attempts a second apart, then the host's verdict.
    expect((await fetch(`${base}/admin/functions/runsOut`, { method: 'POST', body: '{}' })).status).toBe(202);
    await waitFor('the verdict', () => (run.errors().includes("Function execution failed after '2' retries.") ? true : undefined), 20_000);
    expect(count(run.output(), "Executing 'Functions.runsOut'")).toBe(3);
    expect(run.output()).toContain("Waiting for `00:00:01` before retrying function execution. Next attempt: '2'. Max retry count: '2'.");

    // A function that retries every minute, forever: its first attempt fails, then the code changes.
    expect((await fetch(`${base}/admin/functions/forever`, { method: 'POST', body: '{}' })).status).toBe(202);
    await waitForOutput(run, /(Waiting for `00:01:00` before retrying function execution\. Next attempt: '1')/);
    appendFileSync(path.join(app.dir, 'src', 'functions.js'), '\n// changed\n');
    await waitFor('the cancelled retry', () => (run.errors().includes('Invocation cancelled - exiting retry loop.') ? true : undefined), 20_000);

    // The new code serves, and the old run's retry never ran.
    await waitFor('the reloaded app', async () => ((await fetch(`${base}/admin/host/status`)).status === 200 ? true : undefined), 20_000);
    expect((await fetch(`${base}/admin/functions/noPolicy`, { method: 'POST', body: '{}' })).status).toBe(202);
    await waitFor('the new app run', () => (run.output().includes("Executing 'Functions.noPolicy'") ? true : undefined), 20_000);
    expect(count(run.output(), "Executing 'Functions.forever'")).toBe(1);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  }, 90_000);
});
