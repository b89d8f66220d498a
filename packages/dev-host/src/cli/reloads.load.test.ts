import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

// `azfx start --watch` under load: a reload starts the new worker and switches to it only once it is ready; the old
// one finishes what it runs (bounded) and runs appTerminate. Requests sent all through 20 reloads, some while an
// invocation hangs, must never get a 5xx the app did not produce.

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function rebuild(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

interface Tally {
  sent: number;
  statuses: Map<number, number>;
  errors: string[];
}

/** Sends requests back to back until `stop()`; every answer's status is counted, every transport error kept. */
function loadLoop(url: string, tally: Tally): { stop: () => Promise<void> } {
  const state = { stopped: false };
  const loop = (async () => {
    while (!state.stopped) {
      tally.sent++;
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
      } catch (error: unknown) {
        tally.errors.push(String(error));
      }
    }
  })();
  return {
    stop: async () => {
      state.stopped = true;
      await loop;
    },
  };
}

describe('azfx start --watch under load', () => {
  it('answers every request through 20 reloads, including reloads while an invocation hangs, with no 5xx', async () => {
    const app = copyFixture('faults-app');
    cleanup.push(app.remove);
    const terminateLog = path.join(app.dir, 'terminations.log');
    const run: CliRun = runCli(['start', app.dir, '--watch', '--port', '0'], { TERMINATE_LOG_FILE: terminateLog });
    cleanup.push(() => run.child.kill('SIGKILL'));
    const base = await waitForOutput(run, /at (http:\/\/127\.0\.0\.1:\d+) \(watch mode/, 30_000);
    const versionInfo = path.join(app.dir, 'build/version-info.js');

    const tally: Tally = { sent: 0, statuses: new Map(), errors: [] };
    const loops = [loadLoop(`${base}/api/pid`, tally), loadLoop(`${base}/api/slow?ms=50`, tally), loadLoop(`${base}/api/slow?ms=300`, tally)];
    const hung: Promise<{ status: number; body: string }>[] = [];
    for (let version = 2; version <= 21; version++) {
      if (version % 7 === 0) {
        // An invocation that only appTerminate ends: the old worker drains with it still running.
        hung.push(fetch(`${base}/api/hang`).then(async (res) => ({ status: res.status, body: await res.text() })));
      }
      rebuild(versionInfo, `module.exports = { version: ${version} };\n`);
      await waitFor(
        `version ${version}`,
        async () => {
          const res = await fetch(`${base}/api/pid`);
          const body = (await res.json()) as { version: number };
          return body.version === version ? true : undefined;
        },
        30_000,
      );
    }
    await Promise.all(loops.map((loop) => loop.stop()));
    const hungAnswers = await Promise.all(hung);

    expect(tally.errors).toEqual([]);
    expect([...tally.statuses.keys()]).toEqual([200]);
    expect(tally.sent).toBeGreaterThan(20);
    expect(hungAnswers).toEqual(hung.map(() => ({ status: 200, body: 'released by appTerminate' })));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    const terminated = readFileSync(terminateLog, 'utf8').trim().split('\n');
    // Every worker ran appTerminate once; those that drained a hung invocation finished later than the others.
    const versions = terminated.map((line) => Number(line.split(' ')[1])).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 21 }, (_unused, index) => index + 1));
    process.stdout.write(`[reliability] 20 reloads under load: ${tally.sent} requests, statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}\n`);
  }, 240_000);
});
