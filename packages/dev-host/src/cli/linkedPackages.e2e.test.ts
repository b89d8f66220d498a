import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

// `azfx start --watch` is the inner loop for the packages an app links from source too: saving a file under a linked
// package's src/ rebuilds that package and reloads the app; requests wait for the reload rather than fail, and none
// sees the half-written build (this fixture's build leaves dist/ missing for half a second).

const packageNodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function linkedWorkspace(): { app: string; lib: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-linked-'));
  cleanup.push(() => {
    rmSync(root, { recursive: true, force: true });
  });
  cpSync(fixtureDir('linked-workspace'), root, { recursive: true });
  const app = path.join(root, 'app');
  const lib = path.join(root, 'lib');
  mkdirSync(path.join(app, 'node_modules'));
  symlinkSync(path.join(packageNodeModules, '@azure'), path.join(app, 'node_modules', '@azure'), 'dir');
  symlinkSync(lib, path.join(app, 'node_modules', 'fixture-linked-lib'), 'dir');
  execFileSync(process.execPath, ['build.mjs'], { cwd: lib });
  return { app, lib };
}

describe('azfx start --watch with a package linked from source', () => {
  it('rebuilds the package on a save, reloads the app, and answers every request meanwhile with 200', async () => {
    const { app, lib } = linkedWorkspace();
    const run = runCli(['start', app, '--watch', '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const url = `${await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+) \(watch mode/, 30_000)}/api/greet`;
    expect(run.output()).toContain('Watching the source of linked packages: fixture-linked-lib');

    const statuses: number[] = [];
    const state = { stop: false };
    const load = (async () => {
      while (!state.stop) {
        const res = await fetch(url);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    })();
    const saved = performance.now();
    writeFileSync(path.join(lib, 'src', 'greeting.js'), "module.exports = { greeting: 'hello again' };\n");
    await waitFor('the new behaviour', async () => ((await (await fetch(url)).text()) === 'hello again' ? true : undefined), 60_000);
    const saveToNewBehaviourMs = performance.now() - saved;
    state.stop = true;
    await load;

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(run.output()).toMatch(/Rebuilt fixture-linked-lib in \d+ ms/);
    process.stdout.write(`[reliability] linked package save → new behaviour: ${saveToNewBehaviourMs.toFixed(0)} ms, ${statuses.length} requests meanwhile, all 200\n`);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 90_000);
});
