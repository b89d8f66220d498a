import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixtureDir } from '../test-support/fixtures.js';
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

  it.skipIf(process.platform === 'win32')('the app process of --watch does not outlive a parent killed outright', async () => {
    const run = runCli(['start', fixtureDir('cjs-app'), '--port', '0', '--watch']);
    const publicUrl = await waitForOutput(run, /on (http:\/\/\S+:\d+)/);
    const appProcesses = (): string[] =>
      execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('__azfx-watch-child') && line.includes(`--public-url ${publicUrl}`));
    await waitFor('the app process', () => (appProcesses().length > 0 ? true : undefined), 10_000);

    run.child.kill('SIGKILL');
    run.child.stdout?.destroy();
    run.child.stderr?.destroy();

    await waitFor('the app process to stop', () => (appProcesses().length === 0 ? true : undefined), 15_000);
  }, 40_000);
});
