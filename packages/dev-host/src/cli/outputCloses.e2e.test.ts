import { describe, expect, it } from 'vitest';
import { fixtureDir } from '../test-support/fixtures.js';
import { stillRunning, workerPidsOf } from '../test-support/processes.js';
import { runCli, waitForOutput } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

// When nobody reads the host's output any more (the terminal closed, `azfx start | head` exited, a test runner or
// the watch parent went away), each write fails with EPIPE. The host used to report that failure on stderr, fail
// again, and spin at full CPU forever, as an orphan in the watch case; now it stops as on SIGTERM.
function timeout(ms: number): Promise<'still running'> {
  return new Promise((resolve) => setTimeout(resolve, ms, 'still running'));
}

describe('a host whose output is closed', () => {
  it('azfx start stops instead of spinning on its own write errors', async () => {
    const run = runCli(['start', fixtureDir('cjs-app'), '--port', '0']);
    try {
      const url = await waitForOutput(run, /at (http:\/\/\S+:\d+)/);
      run.child.stdout?.destroy();
      run.child.stderr?.destroy();
      // A request makes the host write its request log line into the closed pipe.
      await fetch(new URL('/api/hello?name=x', url)).catch(() => undefined);
      expect(await Promise.race([run.exited, timeout(15_000)])).not.toBe('still running');
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 30_000);

  it.skipIf(process.platform === 'win32')('the worker process does not outlive a host killed outright', async () => {
    const run = runCli(['start', fixtureDir('cjs-app'), '--port', '0', '--watch']);
    try {
      await waitForOutput(run, /at (http:\/\/\S+:\d+)/);
      const workers = await waitFor('the worker process', () => {
        const pids = workerPidsOf(run.child.pid);
        return pids.length > 0 ? pids : undefined;
      }, 10_000);
      run.child.kill('SIGKILL');
      run.child.stdout?.destroy();
      run.child.stderr?.destroy();
      await waitFor('the worker process to stop', () => (stillRunning(workers).length === 0 ? true : undefined), 15_000);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 40_000);
});
