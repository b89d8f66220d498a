import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { publishScript, validationTestFile } from './release-commands.js';
import { repoRoot } from './repo-root.js';

// docs/releasing.md describes these commands; the e2e test publishes with the same script `pnpm release` ends with.
const { scripts = {} } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  scripts?: Record<string, string>;
};

it('`pnpm release` builds, then validates every package, then publishes with the shared publish script', () => {
  const steps = (scripts.release ?? '').split('&&').map((part) => part.trim());
  expect(steps).toEqual([
    'turbo run build',
    `vitest run --project release ${validationTestFile}`,
    `node ${publishScript}`,
  ]);
  expect(existsSync(path.join(repoRoot, validationTestFile))).toBe(true);
  expect(existsSync(path.join(repoRoot, publishScript))).toBe(true);
});

it('`pnpm version-packages` applies the changesets and keeps the lockfile in step', () => {
  expect(scripts['version-packages']).toBe('changeset version && pnpm install --lockfile-only');
});

it('`pnpm changeset` adds a changeset', () => {
  expect(scripts.changeset).toBe('changeset');
});
