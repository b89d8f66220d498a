import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRepoIdentity } from './repo-identity.mjs';
import { copyWorkspace, REPO_ROOT, step } from './testing/workspace-copy.js';
import { readVitestReport } from './testing/vitest-report.js';
import { listSourceFiles } from './workspace.mjs';

// A fork renamed with one command still installs from its lockfile, builds and passes its tests. Only the SDK and
// the timer are built and tested in the copy: together they exercise the renamed imports, manifests and lockfile,
// and the whole suite would double the time of CI for no extra coverage of the rename.
describe('pnpm fork:rename in a copy of this repository', () => {
  let copy: { root: string; remove: () => void };
  let from: { scope: string; repo: string };
  let to: { scope: string; repo: string };
  let renameOutput: string;

  beforeAll(() => {
    copy = copyWorkspace();
    // The copy's lockfile may lag behind a package added since the last install: settle it before renaming.
    step(copy.root, 'pnpm', ['install', '--offline', '--no-frozen-lockfile']);
    from = readRepoIdentity(copy.root);
    to = { scope: from.scope === '@acme' ? '@acme-fork' : '@acme', repo: 'acme-corp/functions-extensions' };
    renameOutput = step(copy.root, 'node', ['tooling/starter/fork-rename.mjs', '--scope', to.scope, '--repo', to.repo]).stdout;
  });

  afterAll(() => {
    copy.remove();
  });

  it('reports the rename and leaves no trace of the old scope or repository', () => {
    expect(renameOutput).toContain(`Renamed npm scope ${from.scope} -> ${to.scope}, GitHub repository ${from.repo} -> ${to.repo}`);
    expect(readRepoIdentity(copy.root)).toEqual(to);
    const leftovers = listSourceFiles(copy.root).filter((file) => {
      const text = readFileSync(join(copy.root, file), 'utf8');
      return text.includes(`${from.scope}/`) || text.includes(`github.com/${from.repo}`);
    });
    expect(leftovers).toEqual([]);
  });

  it('installs from the renamed lockfile without changing it, linking the packages under the new scope', () => {
    step(copy.root, 'pnpm', ['install', '--offline', '--frozen-lockfile']);
    const linked = join(copy.root, 'packages', 'extension-timer', 'node_modules', ...`${to.scope}/extension-core`.split('/'));
    expect(existsSync(linked)).toBe(true);
    expect(realpathSync(linked)).toBe(realpathSync(join(copy.root, 'packages', 'extension-core')));
  });

  it('builds the SDK and the timer, and their tests pass', () => {
    step(copy.root, 'pnpm', ['--filter', `${to.scope}/extension-timer...`, 'run', 'build']);
    step(copy.root, 'pnpm', ['vitest', 'run', '--project', 'extension-core', '--project', 'extension-timer']);
    const report = readVitestReport(copy.root);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(0);
    expect(report.testResults.map((file) => file.status)).not.toContain('failed');
  });

  it('links changelog entries to the new repository', async () => {
    const config = JSON.parse(readFileSync(join(copy.root, '.changeset', 'config.json'), 'utf8')) as {
      changelog: [string, Record<string, unknown>];
    };
    const changelog = createRequire(join(copy.root, '.changeset', 'config.json'))(config.changelog[0]) as {
      default: { getReleaseLine: (changeset: object, type: string, options: unknown) => Promise<string> };
    };
    // A commit that exists, since the changelog asks git for its subject (to find a pull request number).
    const commit = step(REPO_ROOT, 'git', ['rev-parse', 'HEAD']).stdout.trim();
    const line = await changelog.default.getReleaseLine(
      { id: 'fork', summary: 'Forked.', releases: [], commit },
      'minor',
      config.changelog[1],
    );
    expect(line).toContain(`[\`${commit.slice(0, 7)}\`](https://github.com/${to.repo}/commit/${commit})`);
  });
});
