import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Where one of this package's own dependencies is installed (followed through pnpm's links). */
const resolvedDir = (name: string) => realpathSync(path.join(packageDir, 'node_modules', ...name.split('/')));

/** The @azure/functions versions the whole-app tests run against: the catalog's, and the lowest the peer range allows. */
export const libraries = {
  latest: resolvedDir('@azure/functions'),
  '4.1.0': resolvedDir('azure-functions-4.1.0'),
} as const;

export type LibraryVersion = keyof typeof libraries;

/** Copies a package's manifest and build into an app's node_modules, as npm installs it. */
function install(appDir: string, name: string, sourceDir: string): void {
  const target = path.join(appDir, 'node_modules', ...name.split('/'));
  mkdirSync(target, { recursive: true });
  cpSync(path.join(sourceDir, 'package.json'), path.join(target, 'package.json'));
  cpSync(path.join(sourceDir, 'dist'), path.join(target, 'dist'), { recursive: true });
}

function link(appDir: string, name: string, sourceDir: string): void {
  const target = path.join(appDir, 'node_modules', ...name.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(sourceDir, target, 'dir');
}

/**
 * A copy of a fixture app in a temporary folder, installed as a customer's app: this package's build, the timer's
 * and extension-core's copied into its node_modules (one copy of the SDK, shared by both extensions, with peers
 * resolved from the app), the given @azure/functions, and the repository's @opentelemetry/api — the same copy this
 * test process registers its tracer provider with, as an app and its SDK share one.
 */
export function installTracedApp(library: LibraryVersion, fixture = 'traced-app'): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-otel-app-'));
  const dir = path.join(root, fixture);
  cpSync(path.join(packageDir, 'src', 'fixtures', fixture), dir, { recursive: true });
  install(dir, '@azfx/extension-opentelemetry', packageDir);
  install(dir, '@azfx/extension-core', resolvedDir('@azfx/extension-core'));
  install(dir, '@azfx/extension-timer', resolvedDir('@azfx/extension-timer'));
  link(dir, '@azure/functions', libraries[library]);
  link(dir, '@opentelemetry/api', resolvedDir('@opentelemetry/api'));
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
