import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

const cleanup: (() => void)[] = [];

afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** Rewrites a file the way build tools do: write a temporary file, then rename it over the old one. */
function rebuild(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

async function bodyOf(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

describe('azfx start --watch', () => {
  it('reloads the app when its built files change, on the same port, running appTerminate each time', async () => {
    const app = copyFixture('watch-app');
    cleanup.push(app.remove);
    const terminateLog = path.join(app.dir, 'terminations.log');
    const run: CliRun = runCli(['start', app.dir, '--watch', '--port', '0'], { TERMINATE_LOG_FILE: terminateLog });
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+) \(watch mode/);
    const url = `${base}/api/version`;
    expect(await bodyOf(url)).toEqual({ status: 200, text: 'version 1' });

    // A module the function imports changes (not a file `main` matches): still a reload.
    rebuild(path.join(app.dir, 'build/version-info.js'), 'module.exports = { version: 2 };\n');
    await waitFor('version 2', async () => ((await bodyOf(url)).text === 'version 2' ? true : undefined), 10_000);

    // A second rebuild of the same file (editors and tsc replace files; the watcher must not lose track).
    rebuild(path.join(app.dir, 'build/version-info.js'), 'module.exports = { version: 3 };\n');
    await waitFor('version 3', async () => ((await bodyOf(url)).text === 'version 3' ? true : undefined), 10_000);

    // A broken build: 503 with an explanation, and the load error in the terminal; fixing it recovers.
    rebuild(path.join(app.dir, 'build/version-info.js'), 'module.exports = { version: ;\n');
    const broken = await waitFor('503', async () => {
      const answer = await bodyOf(url);
      return answer.status === 503 ? answer : undefined;
    }, 10_000);
    expect(broken.text).toContain('failed to start');
    expect(run.errors()).toContain('The app failed to load');
    rebuild(path.join(app.dir, 'build/version-info.js'), 'module.exports = { version: 4 };\n');
    await waitFor('version 4', async () => ((await bodyOf(url)).text === 'version 4' ? true : undefined), 10_000);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(readFileSync(terminateLog, 'utf8')).toBe('terminated 1\nterminated 2\nterminated 3\nterminated 4\n');
  }, 60_000);

  it('follows a package.json "main" that moves to another folder', async () => {
    const app = copyFixture('watch-app');
    cleanup.push(app.remove);
    const run = runCli(['start', app.dir, '--watch', '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const url = `${await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+) \(watch mode/)}/api/version`;
    await waitFor('version 1', async () => ((await bodyOf(url)).text === 'version 1' ? true : undefined), 10_000);

    cpSync(path.join(app.dir, 'build'), path.join(app.dir, 'out'), { recursive: true });
    writeFileSync(path.join(app.dir, 'out/version-info.js'), 'module.exports = { version: "out" };\n');
    rebuild(path.join(app.dir, 'package.json'), JSON.stringify({ name: 'moved', main: 'out/functions/*.js' }));
    await waitFor('the moved app', async () => ((await bodyOf(url)).text === 'version out' ? true : undefined), 10_000);

    rebuild(path.join(app.dir, 'out/version-info.js'), 'module.exports = { version: "out 2" };\n');
    await waitFor('a change in the new folder', async () => ((await bodyOf(url)).text === 'version out 2' ? true : undefined), 10_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 60_000);

  it('checks admin callers in the process that owns the port', async () => {
    const app = copyFixture('watch-app');
    cleanup.push(app.remove);
    const run = runCli(['start', app.dir, '--watch', '--port', '0']);
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+) \(watch mode/);
    await waitFor('the app', async () => ((await bodyOf(`${base}/api/version`)).status === 200 ? true : undefined));
    const res = await fetch(`${base}/admin/functions/version`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // A loopback caller is let through to the app, which says an HTTP function is run through its URL.
    expect(res.status).toBe(400);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 30_000);
});
