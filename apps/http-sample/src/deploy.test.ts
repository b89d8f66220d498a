import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir, seedAnswer, serverTiming, startSample } from './testing/sampleHost.js';

// The deployable folder, made by the deploy script outside the repository, so nothing in it can reach the
// workspace's node_modules.
const parent = mkdtempSync(join(tmpdir(), 'azfx-sample-deploy-'));
const out = join(parent, 'app');
let host: Host | undefined;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/deploy.mjs', '--skip-build', '--out', out], { cwd: appDir, stdio: 'pipe' });
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(parent, { recursive: true, force: true });
});

/**
 * What the deployed manifest must name for each workspace package the sample depends on: its tarball in vendor/,
 * named as `pnpm pack` names it (`@scope/name` packs to `scope-name-<version>.tgz`). Read from the sample's own
 * manifest and the packages', so a fork renamed with `pnpm fork:rename` expects its own names.
 */
function vendoredWorkspaceDependencies(): Record<string, string> {
  const sample = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const workspaceNames = Object.entries(sample.dependencies)
    .filter(([, range]) => range.startsWith('workspace:'))
    .map(([name]) => name);
  expect(workspaceNames.length).toBeGreaterThan(1);
  return Object.fromEntries(
    workspaceNames.map((name) => {
      const manifestPath = join(appDir, 'node_modules', ...name.split('/'), 'package.json');
      const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
      return [name, `file:vendor/${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`];
    }),
  );
}

function allEntries(dir: string) {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((entry) => join(entry.parentPath, entry.name));
}

describe('the deployable folder', () => {
  it('holds files only: no symbolic or hard links into the workspace', () => {
    const linked = allEntries(out).filter((path) => {
      const stats = lstatSync(path);
      return stats.isSymbolicLink() || (stats.isFile() && stats.nlink > 1);
    });
    expect(linked.map((path) => relative(out, path))).toEqual([]);
  });

  it('has no workspace: ranges in any manifest, and points at the vendored packages', () => {
    const manifests = allEntries(out).filter((path) => path.endsWith('package.json'));
    expect(manifests.length).toBeGreaterThan(3);
    for (const manifest of manifests) expect(readFileSync(manifest, 'utf8')).not.toContain('workspace:');
    const app = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(app).toMatchObject({ main: 'dist/src/functions/*.js', dependencies: vendoredWorkspaceDependencies() });
    expect(app).not.toHaveProperty('devDependencies');
  });

  it('has what the Functions host needs and none of the sources', () => {
    const files = allEntries(out)
      .map((path) => relative(out, path))
      .filter((path) => !path.startsWith('node_modules') && !path.startsWith('vendor'));
    expect(files).toEqual(
      expect.arrayContaining(['host.json', 'package.json', '.funcignore', 'dist/src/functions/HttpTrigger.js']),
    );
    expect(files.filter((path) => path.endsWith('.ts') || path.startsWith('src'))).toEqual([]);
  });

  it('runs on the dev host and gives the seed answer', async () => {
    host = await startSample({ appDir: out });
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    expect(await response.text()).toMatch(seedAnswer);
    expect(response.headers.get('server-timing')).toMatch(serverTiming);
  });
});
