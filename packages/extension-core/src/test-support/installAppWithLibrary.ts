import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(path.join(packageDir, 'package.json'));
// Read, not written out: a fork renamed with `pnpm fork:rename --own-sdk` gives the package another name.
const packageName = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;

/** The @azure/functions versions this package is tested against: the catalog's, and the lowest the peer range allows. */
export const libraries = {
  current: path.dirname(realpathSync(require.resolve('@azure/functions/package.json'))),
  lowest: path.dirname(realpathSync(require.resolve('azure-functions-4.1.0/package.json'))),
} as const;

/**
 * A copy of a fixture app in a temporary folder, installed the way npm installs it for a customer: this package's
 * build *copied* into its node_modules (so the package's own `@azure/functions` import resolves to the app's copy,
 * as a peer dependency does), and the given library as the app's `@azure/functions`.
 */
export function installAppWithLibrary(fixture: string, libraryDir: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-core-app-'));
  const dir = path.join(root, fixture);
  cpSync(path.join(packageDir, 'src', 'fixtures', fixture), dir, { recursive: true });
  const installed = path.join(dir, 'node_modules', ...packageName.split('/'));
  mkdirSync(installed, { recursive: true });
  cpSync(path.join(packageDir, 'package.json'), path.join(installed, 'package.json'));
  cpSync(path.join(packageDir, 'dist'), path.join(installed, 'dist'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', '@azure'), { recursive: true });
  symlinkSync(libraryDir, path.join(dir, 'node_modules', '@azure', 'functions'), 'dir');
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
