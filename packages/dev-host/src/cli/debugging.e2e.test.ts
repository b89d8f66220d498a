import { execFile } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

// `node --inspect` and NODE_OPTIONS=--inspect are for debugging the app, whose code runs in the worker process: the
// host gives the debugger port to its worker (and each reload hands it to the new worker), so no two processes
// fight over it and a debugger attached at that address reaches the app's code.

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

async function debuggerOfApp(url: string): Promise<string | null> {
  return ((await (await fetch(`${url}/api/inspector`)).json()) as { url: string | null }).url;
}

describe.each([
  ['NODE_OPTIONS=--inspect', (port: number) => ({ env: { NODE_OPTIONS: `--inspect=127.0.0.1:${String(port)}` }, nodeArgs: [] })],
  ['node --inspect', (port: number) => ({ env: {}, nodeArgs: [`--inspect=127.0.0.1:${String(port)}`] })],
])('%s', (_how, setup) => {
  it.each([[[]], [['--watch']]])('puts the debugger on the app\'s worker process, also after a reload (%j)', async (extra) => {
    const app = copyFixture('faults-app');
    cleanup.push(app.remove);
    const port = await freePort();
    const { env, nodeArgs } = setup(port);
    const run: CliRun = runCli(['start', app.dir, '--port', '0', ...extra], env, nodeArgs);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);

    expect(await debuggerOfApp(url)).toContain(`127.0.0.1:${String(port)}`);

    if (extra.includes('--watch')) {
      const file = path.join(app.dir, 'build/version-info.js');
      writeFileSync(`${file}.tmp`, 'module.exports = { version: 2 };\n');
      renameSync(`${file}.tmp`, file);
      await waitFor('the reloaded app', async () => (((await (await fetch(`${url}/api/pid`)).json()) as { version: number }).version === 2 ? true : undefined), 30_000);
      expect(await debuggerOfApp(url)).toContain(`127.0.0.1:${String(port)}`);
    }
    expect(run.errors()).not.toMatch(/address already in use|Starting inspector .* failed/i);
  }, 60_000);
});

describe('a debugger attached at the address the host was given', () => {
  it('hits a breakpoint in a function, in the worker process that answers', async () => {
    const port = await freePort();
    const run = runCli(['start', fixtureDir('faults-app'), '--port', '0'], { NODE_OPTIONS: `--inspect=127.0.0.1:${String(port)}` });
    cleanup.push(() => run.child.kill('SIGKILL'));
    const url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
    const source = readFileSync(path.join(fixtureDir('faults-app'), 'build/functions/faults.js'), 'utf8').split('\n');
    const line = source.findIndex((text) => text.startsWith("app.http('pid'"));
    const column = (source[line] ?? '').indexOf('({ jsonBody');
    const probe = fileURLToPath(new URL('../test-support/breakpointProbe.mjs', import.meta.url));

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--experimental-websocket', '--no-warnings', probe, String(port), `${url}/api/pid`, 'faults\\.js', String(line), String(column)],
      { env: { ...process.env, NODE_OPTIONS: '' }, timeout: 30_000 },
    );

    const result = JSON.parse(stdout.trim()) as { pausedAtLine: number; pidAtBreakpoint: number; answer: string };
    expect(result.pausedAtLine).toBe(line);
    expect(JSON.parse(result.answer)).toMatchObject({ pid: result.pidAtBreakpoint });
  }, 60_000);
});
