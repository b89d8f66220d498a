import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** One installed copy of this package's build, as npm would lay out another version or a renamed fork of it. */
export interface SdkCopySpec {
  /** Where it goes, relative to the app folder, e.g. `node_modules/@someone-else/extension-core`. */
  readonly at: string;
  readonly name: string;
  readonly version: string;
  /** Rewrites the build's protocol version: a copy that cannot share the registry with the others. */
  readonly protocol?: number;
}

function installCopy(appDir: string, copy: SdkCopySpec): void {
  const target = path.join(appDir, copy.at);
  mkdirSync(target, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(target, 'package.json'), JSON.stringify({ ...manifest, name: copy.name, version: copy.version }, null, 2));
  cpSync(path.join(packageDir, 'dist'), path.join(target, 'dist'), { recursive: true });
  if (copy.protocol === undefined) return;
  let rewritten = 0;
  for (const file of readdirSync(path.join(target, 'dist'))) {
    if (!/\.(c|m)js$/.test(file)) continue;
    const chunkPath = path.join(target, 'dist', file);
    const source = readFileSync(chunkPath, 'utf8');
    const patched = source.replace(/const PROTOCOL = \{ version: \d+ \}\.version;/, `const PROTOCOL = { version: ${String(copy.protocol)} }.version;`);
    if (patched === source) continue;
    rewritten++;
    writeFileSync(chunkPath, patched);
  }
  if (rewritten === 0) throw new Error('The build no longer declares `const PROTOCOL = { version: n }.version;` in its build: update this helper.');
}

/**
 * A copy of a fixture app in a temporary folder, with the given copies of this package's build installed in its
 * node_modules, `other-extension` re-exporting the copy nested under it (so an app file reaches that copy as an
 * extension package would), and this package's `@azure/functions` as the app's one library.
 */
export function installAppWithSdkCopies(fixture: string, copies: readonly SdkCopySpec[]): { dir: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'azfx-core-copies-'));
  const dir = path.join(root, fixture);
  cpSync(path.join(packageDir, 'src', 'fixtures', fixture), dir, { recursive: true });
  for (const copy of copies) installCopy(dir, copy);
  const other = path.join(dir, 'node_modules', 'other-extension');
  mkdirSync(other, { recursive: true });
  writeFileSync(
    path.join(other, 'package.json'),
    JSON.stringify({ name: 'other-extension', version: '1.0.0', type: 'module', exports: { './sdk': './sdk.js' } }),
  );
  writeFileSync(path.join(other, 'sdk.js'), "export * from '@azfx/extension-core';\n");
  mkdirSync(path.join(dir, 'node_modules', '@azure'), { recursive: true });
  symlinkSync(path.join(packageDir, 'node_modules', '@azure', 'functions'), path.join(dir, 'node_modules', '@azure', 'functions'), 'dir');
  return {
    dir,
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
