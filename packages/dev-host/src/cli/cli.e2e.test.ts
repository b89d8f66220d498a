import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput } from '../test-support/runCli.js';
import { startupErrorCases } from '../test-support/startupErrorCases.js';
import { parseCliArgs, type StartCommand } from './parseCliArgs.js';
import { hostOptions } from './runStart.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'azfx-cli-'));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('azfx (the built CLI)', () => {
  it('prints help and exits 0', async () => {
    const run = runCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('azfx start [appDir] [options]');
  });

  it('exits 2 with a hint for bad usage', async () => {
    const run = runCli(['start', '--port', 'abc']);
    expect(await run.exited).toBe(2);
    expect(run.errors()).toContain('--port must be a number from 0 to 65535');
    expect(run.errors()).toContain('azfx --help');
  });

  it('exits 1 and says what to fix for every kind of start-up error', async () => {
    const runs = startupErrorCases.map(([fixture, message]) => ({
      fixture,
      message,
      run: runCli(['start', fixtureDir(path.join('startup-errors', fixture)), '--port', '0']),
    }));
    for (const { fixture, message, run } of runs) {
      expect(await run.exited, fixture).toBe(1);
      expect(run.errors(), fixture).toMatch(message);
      expect(run.errors(), fixture).toContain('The app cannot start.');
    }
    // Every case is a host and a worker process, all started at once.
  }, 60_000);

  it('exits 1 for a missing app folder', async () => {
    const run = runCli(['start', path.join(scratch, 'nowhere')]);
    expect(await run.exited).toBe(1);
    expect(run.errors()).toMatch(/does not exist/);
  });

  it('serves the app, lists its functions, and on SIGTERM finishes running work, runs appTerminate and exits 0', async () => {
    const marker = path.join(scratch, 'terminated.json');
    // --verbose: the host prints when each invocation starts, so the test can signal while one runs.
    const run = runCli(['start', fixtureDir('cjs-app'), '--port', '0', '--verbose'], { TERMINATE_MARKER_FILE: marker });
    const url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)\./);
    const port = new URL(url).port;
    expect(run.output()).toContain(`\thello: [GET,POST] http://localhost:${port}/api/hello (authLevel: anonymous)\n`);
    expect(run.output()).toContain('\ttick: timerTrigger');
    expect(await (await fetch(`${url}/api/hello?name=CLI`)).text()).toBe('Hello, CLI!');
    await waitForOutput(run, /(GET \/api\/hello 200 \d+ms)/);

    const slow = fetch(`${url}/api/slow?ms=300`);
    await waitForOutput(run, /(Executing 'Functions\.slow')/);
    run.child.kill('SIGTERM');
    expect(await (await slow).text()).toBe('slept 300');
    expect(await run.exited).toBe(0);
    const events = JSON.parse(readFileSync(marker, 'utf8')) as { kind: string }[];
    expect(events.at(-1)?.kind).toBe('appTerminate');
  }, 30_000);

  it('listens on local.settings.json Host.LocalHttpPort when no --port is given', async () => {
    const app = copyFixture('esm-app');
    try {
      const port = await freePort();
      writeFileSync(path.join(app.dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: {}, Host: { LocalHttpPort: port } }));
      const run = runCli(['start', app.dir]);
      const url = await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+)\./);
      expect(new URL(url).port).toBe(String(port));
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
    } finally {
      app.remove();
    }
  });

  it('listens on local.settings.json Host.LocalHttpAddress when no --address is given, and --address wins over it', async () => {
    const app = copyFixture('esm-app');
    const runs: ReturnType<typeof runCli>[] = [];
    try {
      // 127.0.0.2 is loopback on Linux too, and differs from the default: a host that ignored the setting would not
      // answer there.
      writeFileSync(path.join(app.dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: {}, Host: { LocalHttpAddress: '127.0.0.2' } }));
      const fromSetting = runCli(['start', app.dir, '--port', '0']);
      runs.push(fromSetting);
      const url = await waitForOutput(fromSetting, /at (http:\/\/127\.0\.0\.2:\d+)\./);
      expect(await (await fetch(`${url}/v1/hello?name=there`)).json()).toMatchObject({ greeting: 'Hello, there!' });
      fromSetting.child.kill('SIGINT');
      expect(await fromSetting.exited).toBe(0);

      const fromFlag = runCli(['start', app.dir, '--port', '0', '--address', '127.0.0.1']);
      runs.push(fromFlag);
      await waitForOutput(fromFlag, /at (http:\/\/127\.0\.0\.1:\d+)\./);
      fromFlag.child.kill('SIGINT');
      expect(await fromFlag.exited).toBe(0);
    } finally {
      // A failed assertion must not leave a host (and its worker) running.
      for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      app.remove();
    }
  });

  it('refuses a local.settings.json Host.LocalHttpAddress that is not an IP address, naming the key and the fix', async () => {
    const app = copyFixture('esm-app');
    try {
      writeFileSync(path.join(app.dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: {}, Host: { LocalHttpAddress: 'my-laptop' } }));
      const run = runCli(['start', app.dir, '--port', '0']);
      expect(await run.exited).toBe(1);
      expect(run.errors()).toContain('local.settings.json Host.LocalHttpAddress must be an IP address (got "my-laptop")');
    } finally {
      app.remove();
    }
  });

  it('defaults to port 7071', () => {
    expect(hostOptions(parseCliArgs(['start'], {}) as StartCommand)).toMatchObject({ port: undefined, defaultPort: 7071, hostname: undefined, watch: false, exitOnUncaughtErrors: true });
  });
});
