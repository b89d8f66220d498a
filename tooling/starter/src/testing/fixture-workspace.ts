import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A throwaway folder with the given files (paths relative to it, `/`-separated), for tests that need a workspace
 * on disk but not a real one. Call `remove()` in a `finally` or `afterEach`.
 */
export function fixtureWorkspace(files: Record<string, string | Uint8Array>): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'azfx-starter-fixture-'));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { root, remove: () => { rmSync(root, { recursive: true, force: true }); } };
}

/** The smallest workspace the starter scripts recognise, published under `scope`, changelog linking to `repo`. */
export function minimalWorkspace(scope: string, repo: string): Record<string, string> {
  const manifest = (name: string, extra: Record<string, unknown> = {}) =>
    `${JSON.stringify({ name: `${scope}/${name}`, version: '0.0.0', ...extra }, null, 2)}\n`;
  return {
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'package.json': `${JSON.stringify({ name: 'fixture-monorepo', private: true }, null, 2)}\n`,
    '.changeset/config.json': `${JSON.stringify({ changelog: ['./changelog.cjs', { repo }], access: 'public' }, null, 2)}\n`,
    'packages/extension-core/package.json': manifest('extension-core', {
      repository: { type: 'git', url: `git+https://github.com/${repo}.git`, directory: 'packages/extension-core' },
      bugs: `https://github.com/${repo}/issues`,
    }),
    'packages/extension-timer/package.json': manifest('extension-timer', {
      dependencies: { [`${scope}/extension-core`]: 'workspace:^' },
    }),
  };
}

/**
 * For a test file: a function that makes a fixture workspace from `base` plus the given files, and removes every
 * workspace it made after each test, however many a test makes.
 */
export function useFixtureWorkspaces(
  base: Record<string, string | Uint8Array>,
): (extra?: Record<string, string | Uint8Array>) => string {
  const removals: (() => void)[] = [];
  afterEach(() => {
    for (const remove of removals.splice(0)) remove();
  });
  return (extra = {}) => {
    const fixture = fixtureWorkspace({ ...base, ...extra });
    removals.push(fixture.remove);
    return fixture.root;
  };
}
