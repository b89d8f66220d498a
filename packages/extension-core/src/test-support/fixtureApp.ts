import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
// Read, not written out: a fork renamed with `pnpm fork:rename --own-sdk` gives the package another name.
const packageName = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;

/**
 * A copy of a fixture app in a temporary folder whose node_modules holds this package (as a customer's app would
 * have it installed: its build, through its exports) and this package's `@azure/functions`. A fixture inside this
 * package cannot import the package by name: its own package.json stops Node's self-reference.
 */
export function installFixtureApp(name: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-core-app-'));
  const dir = path.join(root, name);
  cpSync(path.join(packageDir, 'src', 'fixtures', name), dir, { recursive: true });
  const installed = path.join(dir, 'node_modules', ...packageName.split('/'));
  mkdirSync(path.dirname(installed), { recursive: true });
  symlinkSync(packageDir, installed, 'dir');
  symlinkSync(path.join(packageDir, 'node_modules', '@azure'), path.join(dir, 'node_modules', '@azure'), 'dir');
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
