import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(path.join(packageDir, 'package.json'));

/** Copies a package's manifest and build into an app's node_modules, as npm installs it. */
function install(appDir: string, name: string, sourceDir: string): void {
  const target = path.join(appDir, 'node_modules', ...name.split('/'));
  mkdirSync(target, { recursive: true });
  cpSync(path.join(sourceDir, 'package.json'), path.join(target, 'package.json'));
  cpSync(path.join(sourceDir, 'dist'), path.join(target, 'dist'), { recursive: true });
}

/**
 * A copy of a fixture app in a temporary folder, installed as a customer's app: this package's build and
 * extension-core's build copied into its node_modules (one copy of each, shared by the timer and the app, with
 * `@azure/functions` resolved from the app as a peer dependency is), and the repository's `@azure/functions`.
 */
export function installTimerApp(fixture: string): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-timer-app-'));
  const dir = path.join(root, fixture);
  cpSync(path.join(packageDir, 'src', 'fixtures', fixture), dir, { recursive: true });
  install(dir, '@azfx/extension-timer', packageDir);
  install(dir, '@azfx/extension-core', path.dirname(realpathSync(require.resolve('@azfx/extension-core/package.json'))));
  mkdirSync(path.join(dir, 'node_modules', '@azure'), { recursive: true });
  const library = path.dirname(realpathSync(require.resolve('@azure/functions/package.json')));
  symlinkSync(library, path.join(dir, 'node_modules', '@azure', 'functions'), 'dir');
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
