import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDir } from '../test-support/fixtures.js';
import { stillRunning, workerPidsOf } from '../test-support/processes.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

// As in Azure, the app runs in a worker process that the host watches: a worker that ends (process.exit, an
// uncaught exception, an unhandled rejection) fails the invocations it was running with the host's empty 500, is
// logged with its cause, and is replaced; the host itself never stops. Each mode is tested: with and without --watch.

const runs: CliRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) run.child.kill('SIGKILL');
});

async function startFaultsApp(extra: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ run: CliRun; url: string }> {
  const run = runCli(['start', fixtureDir('faults-app'), '--port', '0', ...extra], env);
  runs.push(run);
  const url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  return { run, url };
}

async function pidOf(url: string): Promise<number> {
  const res = await fetch(`${url}/api/pid`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { pid: number }).pid;
}

async function answer(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

const modes = [['without --watch', []] as const, ['with --watch', ['--watch']] as const];

describe.each(modes)('a worker that ends, %s', (_mode, extra) => {
  it('process.exit(3) in a handler: running invocations get an empty 500, the exit is logged, a new worker serves', async () => {
    const { run, url } = await startFaultsApp(extra);
    const firstPid = await pidOf(url);
    const inFlight = answer(`${url}/api/slow?ms=30000`);
    await waitForOutput(run, /(slow started in \d+)/);

    expect(await answer(`${url}/api/exit?code=3`)).toEqual({ status: 500, body: '' });
    expect(await inFlight).toEqual({ status: 500, body: '' });
    await waitFor('the exit in the log', () => (/worker process \(pid \d+\) exited with code 3/.test(run.errors()) ? true : undefined), 10_000);

    const nextPid = await pidOf(url);
    expect(nextPid).not.toBe(firstPid);
    expect(run.child.exitCode).toBeNull();
    expect(stillRunning([firstPid])).toEqual([]);
  }, 60_000);

  it.each([
    ['an uncaught exception', 'throwLater', /exited with code 1 after an uncaught exception: Error: thrown from a timer callback/],
    ['an unhandled rejection', 'rejectLater', /exited with code 1 after an unhandled promise rejection: Error: rejected and never handled/],
  ])('%s ends the worker as in Azure: the invocation fails, the cause is logged, a new worker serves', async (_kind, fn, logged) => {
    const { run, url } = await startFaultsApp(extra);
    const firstPid = await pidOf(url);

    expect(await answer(`${url}/api/${fn}`)).toEqual({ status: 500, body: '' });
    await waitFor('the cause in the log', () => (logged.test(run.errors()) ? true : undefined), 10_000);

    expect(await pidOf(url)).not.toBe(firstPid);
  }, 60_000);

  it('--survive-uncaught-errors keeps the old leniency: the error is logged and the same worker serves on', async () => {
    const { run, url } = await startFaultsApp([...extra, '--survive-uncaught-errors']);
    const firstPid = await pidOf(url);

    expect(await answer(`${url}/api/throwLater`)).toEqual({ status: 200, body: 'survived' });
    expect(await answer(`${url}/api/rejectLater`)).toEqual({ status: 200, body: 'survived' });

    expect(run.errors()).toMatch(/uncaught exception: Error: thrown from a timer callback[\s\S]*keeps running/);
    expect(await pidOf(url)).toBe(firstPid);
  }, 60_000);
});

describe('a worker that crashes again and again', () => {
  it('is restarted with growing pauses, which the host announces; it never spins', async () => {
    const run = runCli(['start', fixtureDir('crash-loop-app'), '--port', '0']);
    runs.push(run);
    await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
    await waitFor('three announced pauses', () => ((run.errors().match(/waiting \d+ ms before starting/g) ?? []).length >= 3 ? true : undefined), 60_000);

    const pauses = [...run.errors().matchAll(/crashed (\d+) times in a row .*waiting (\d+) ms/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(pauses.slice(0, 3)).toEqual([
      [2, 500],
      [3, 1000],
      [4, 2000],
    ]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 90_000);
});

describe.each(modes)('stopping the host, %s', (_mode, extra) => {
  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('leaves no worker process behind after %s (ps)', async (signal) => {
    const { run } = await startFaultsApp(extra);
    const workers = await waitFor('the worker process', () => {
      const pids = workerPidsOf(run.child.pid);
      return pids.length > 0 ? pids : undefined;
    }, 10_000);

    run.child.kill(signal);
    const code = await run.exited;

    if (signal !== 'SIGKILL') {
      expect(code).toBe(0);
    }
    await waitFor('the worker process to end', () => (stillRunning(workers).length === 0 ? true : undefined), 20_000);
  }, 60_000);
});

describe('the admin key', () => {
  it('is never visible to the app: not in its argv, not in its environment', async () => {
    const { url } = await startFaultsApp(['--admin-key', 'from-the-flag-s3cret'], { AZFX_ADMIN_KEY: 'from-the-env-s3cret' });

    const seen = await (await fetch(`${url}/api/visible`)).text();

    expect(seen).toContain('__azfx-worker');
    expect(seen).not.toContain('s3cret');
  }, 60_000);
});
