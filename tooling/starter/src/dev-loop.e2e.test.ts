import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PnpmDev, startPnpmDev } from './testing/serving-process.js';
import { cleanEnvironment, copyWorkspace, step } from './testing/workspace-copy.js';

// `pnpm dev` is the inner loop for the packages too (issue #12): saving the timer's source while the sample runs
// rebuilds the timer and reloads the app, the next request is served by the new code, and no request fails in
// between. Checked in a copy of the repository, so that editing the timer's source cannot disturb the tests that
// run beside this one; the time from the save to the first answer with the new behaviour is printed.
describe('pnpm dev in a copy of this repository', () => {
  const timerSource = ['packages', 'extension-timer', 'src', 'formatting.ts'];
  const original = '(TimeElapsed: ';
  const edited = '(TimeTaken: ';
  let copy: { root: string; remove: () => void };

  beforeAll(() => {
    copy = copyWorkspace();
    step(copy.root, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
    // `pnpm dev` builds what the sample depends on before it serves; built here first (turbo then replays it from
    // the copy's cache) so that a slow build on a busy machine gets a build's time budget, not a start-up's.
    step(copy.root, 'pnpm', ['turbo', 'run', 'build', '--filter=http-sample^...'], 600_000);
  }, 900_000);

  afterAll(() => {
    copy.remove();
  });

  it("serves a save in the timer's source at the sample's URL without a failed request", async () => {
    const sourcePath = join(copy.root, ...timerSource);
    const source = readFileSync(sourcePath, 'utf8');
    expect(source).toContain(original);

    let dev: PnpmDev | undefined;
    const traffic = new Traffic();
    try {
      dev = await startPnpmDev(copy.root, cleanEnvironment());
      await dev.waitFor(/Watching the source of linked packages: .*extension-timer/);
      const url = new URL('/api/HttpTrigger?name=dev', dev.url);
      traffic.start(url);
      await traffic.until((body) => body.includes(original), 'the first answer with the original suffix');

      const saved = performance.now();
      writeFileSync(sourcePath, source.replace(original, edited));
      await traffic.until((body) => body.includes(edited), `an answer with ${JSON.stringify(edited)} after the save`);
      const saveToNewBehaviourMs = performance.now() - saved;

      // And back: a second save in the same session works as the first did.
      const reverted = performance.now();
      writeFileSync(sourcePath, source);
      await traffic.until((body) => body.includes(original), 'an answer with the original suffix after saving it back');
      const revertToOldBehaviourMs = performance.now() - reverted;
      await traffic.stop();

      expect(traffic.failures).toEqual([]);
      expect(traffic.statuses.filter((status) => status !== 200)).toEqual([]);
      expect(dev.output()).toMatch(/Rebuilt @\S+\/extension-timer in \d+ ms/);
      process.stdout.write(
        `[dev loop] timer source saved -> new behaviour at the sample's URL: ${saveToNewBehaviourMs.toFixed(0)} ms ` +
          `(saved back -> old behaviour: ${revertToOldBehaviourMs.toFixed(0)} ms); ` +
          `${String(traffic.statuses.length)} requests, all 200, no connection failure\n`,
      );
    } finally {
      await traffic.stop();
      await dev?.stop();
    }
  }, 900_000);
});

/**
 * Requests for as long as the test runs: `senders` loops, each sending one after another (each answer awaited, a
 * pause of `paceMs` between them so that the traffic does not starve the build it is waiting for; at most
 * `maxRequests` in all), so that some arrive while the package builds and some while the app reloads. Every status,
 * body and connection failure is recorded. `until` resolves on the first answer a check accepts, and fails once no
 * request is left or `timeoutMs` has passed: generous, for a busy two-core machine.
 */
class Traffic {
  readonly statuses: number[] = [];
  readonly failures: string[] = [];
  private readonly waiters = new Set<(body: string | undefined) => void>();
  private running: Promise<void> | undefined;
  private stopped = false;
  private sent = 0;

  constructor(
    private readonly senders = 3,
    private readonly maxRequests = 20_000,
    private readonly paceMs = 20,
    private readonly timeoutMs = 300_000,
  ) {}

  start(url: URL): void {
    this.running = Promise.all(Array.from({ length: this.senders }, () => this.send(url))).then(() => {
      for (const check of [...this.waiters]) check(undefined);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  until(accept: (body: string) => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(() => {
          reject(new Error(`No ${what} within ${String(this.timeoutMs)} ms (${this.summary()})`));
        });
      }, this.timeoutMs);
      const settle = (action: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        action();
      };
      const check = (body: string | undefined) => {
        if (body === undefined) {
          settle(() => {
            reject(new Error(`No ${what}: the requests stopped (${this.summary()})`));
          });
        } else if (accept(body)) {
          settle(resolve);
        }
      };
      this.waiters.add(check);
    });
  }

  private summary(): string {
    const last = this.failures.at(-1);
    return `${String(this.statuses.length)} answers, ${String(this.failures.length)} connection failures${last === undefined ? '' : `, last: ${last}`}`;
  }

  private async send(url: URL): Promise<void> {
    while (this.sent < this.maxRequests && !this.stopped) {
      this.sent += 1;
      try {
        const response = await fetch(url);
        const body = await response.text();
        this.statuses.push(response.status);
        for (const check of [...this.waiters]) check(body);
      } catch (error) {
        // fetch reports a refused or reset connection as "fetch failed", with the reason as its cause.
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        this.failures.push(`${error instanceof Error ? error.message : String(error)}${cause}`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.paceMs));
    }
  }
}
