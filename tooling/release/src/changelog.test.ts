import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The changelog module changesets loads (.changeset/config.json): links worked out from local git alone.
const changelogPath = resolve(import.meta.dirname, '../../../.changeset/changelog.cjs');

interface ChangelogModule {
  default: {
    getReleaseLine(changeset: { summary: string; commit?: string }, type: string, options: unknown): Promise<string>;
    getDependencyReleaseLine(changesets: unknown[], deps: { name: string; newVersion: string }[]): Promise<string>;
  };
}
const { default: changelog } = createRequire(import.meta.url)(changelogPath) as ChangelogModule;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe('the changelog lines', () => {
  let repo: string;
  let squashCommit: string;
  let plainCommit: string;

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'azfx-changelog-'));
    git(repo, 'init', '-q');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'Add the timer (#42)');
    squashCommit = git(repo, 'rev-parse', 'HEAD');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'Direct push');
    plainCommit = git(repo, 'rev-parse', 'HEAD');
  });
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
  });

  // changesets calls the module from the repository root; a child process gives it that working directory.
  function releaseLineIn(cwd: string, commit: string, summary: string): string {
    const script = `require(${JSON.stringify(changelogPath)}).default.getReleaseLine(${JSON.stringify({ commit, summary })}, 'minor', { repo: 'azfx/azfx' }).then((line) => process.stdout.write(line))`;
    return execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  }

  it('links the pull request named in a squash-merge subject, and the commit', () => {
    expect(releaseLineIn(repo, squashCommit, 'Adds the timer.')).toBe(
      `\n- [#42](https://github.com/azfx/azfx/pull/42) [\`${squashCommit.slice(0, 7)}\`](https://github.com/azfx/azfx/commit/${squashCommit}) Adds the timer.`,
    );
  });

  it('links only the commit when its subject names no pull request', () => {
    expect(releaseLineIn(repo, plainCommit, 'Fixes a thing.')).toBe(
      `\n- [\`${plainCommit.slice(0, 7)}\`](https://github.com/azfx/azfx/commit/${plainCommit}) Fixes a thing.`,
    );
  });

  it('keeps a multi-line summary as one indented entry and has no links without a commit', async () => {
    const line = await changelog.getReleaseLine({ summary: 'First line.\nMore detail.\n' }, 'patch', { repo: 'azfx/azfx' });
    expect(line).toBe('\n- First line.\n  More detail.');
  });

  it('asks for the repo option when it is missing or malformed', async () => {
    await expect(changelog.getReleaseLine({ summary: 'x' }, 'patch', {})).rejects.toThrow(/"repo" to "owner\/name"/);
    await expect(changelog.getReleaseLine({ summary: 'x' }, 'patch', { repo: 'not a repo' })).rejects.toThrow(/"repo"/);
  });

  it('lists updated workspace dependencies', async () => {
    await expect(changelog.getDependencyReleaseLine([], [{ name: '@azfx/extension-core', newVersion: '1.2.0' }])).resolves.toBe(
      '- Updated dependencies:\n  - @azfx/extension-core@1.2.0',
    );
    await expect(changelog.getDependencyReleaseLine([], [])).resolves.toBe('');
  });
});
