import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** A fixture app under src/fixtures. Its `require('@azure/functions')` resolves to the repository's copy. */
export function fixtureDir(name: string): string {
  return path.join(packageDir, 'src', 'fixtures', name);
}

/** The built CLI, as users run it. */
export const cliPath = path.join(packageDir, 'bin', 'azfx.js');

/**
 * A copy of a fixture in a temporary folder, for tests that change the app's files. Its node_modules links to this
 * package's, so the copy still loads the repository's `@azure/functions`.
 */
export function copyFixture(name: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-fixture-'));
  const dir = path.join(root, name);
  cpSync(fixtureDir(name), dir, { recursive: true });
  symlinkSync(path.join(packageDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
