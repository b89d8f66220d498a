import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attwProblems } from './attw-problems.js';
import { packPackage, type PackedPackage } from './pack-package.js';
import {
  danglingSourceMapReferences,
  lowestNodeMajor,
  unexpectedFiles,
  workspaceRanges,
} from './package-contents.js';
import { findPublishedPackages } from './published-packages.js';
import { publintProblems } from './publint-problems.js';
import { repoRoot } from './repo-root.js';

// What `pnpm publish` would upload, checked the way users will meet it. These tests read the built `dist/`:
// the root test command builds first (`turbo run build`), and so does `pnpm release`.
const publishedPackages = await findPublishedPackages(repoRoot);
const rootLicense = await readFile(path.join(repoRoot, 'LICENSE'), 'utf8');

it('finds the packages we publish (and no private one)', () => {
  const names = publishedPackages.map((pkg) => pkg.name);
  expect(names).toEqual(
    expect.arrayContaining(['@azfx/dev-host', '@azfx/extension-core', '@azfx/extension-opentelemetry', '@azfx/extension-timer']),
  );
  expect(names).not.toContain('http-sample');
  expect(names).not.toContain('@azfx/release-tooling');
});

describe.each(publishedPackages)('$name', ({ dir }) => {
  let packDir: string;
  let packed: PackedPackage;

  beforeAll(async () => {
    packDir = await mkdtemp(path.join(tmpdir(), 'azfx-pack-'));
    packed = await packPackage(dir, packDir);
  });
  afterAll(async () => {
    await rm(packDir, { recursive: true, force: true });
  });

  it('passes publint in strict mode', async () => {
    expect(await publintProblems(packed.tarball)).toEqual([]);
  });

  it('has types that resolve under every module resolution (attw)', async () => {
    expect(await attwProblems(packed.tarballPath, packDir)).toEqual([]);
  });

  it('has no workspace: range left in the packed package.json', () => {
    expect(workspaceRanges(packed.manifest)).toEqual([]);
  });

  it('ships only what users need', () => {
    expect(unexpectedFiles(packed.entries, packed.manifest)).toEqual([]);
    expect(packed.entries.some((entry) => entry.path.startsWith('dist/'))).toBe(true);
  });

  it('has no source map comment that points at a file it does not ship', () => {
    expect(danglingSourceMapReferences(packed.entries)).toEqual([]);
  });

  it('ships a README and the project LICENSE', () => {
    const files = packed.entries.map((entry) => entry.path);
    expect(files).toContain('README.md');
    const license = packed.entries.find((entry) => entry.path === 'LICENSE');
    expect(license?.data.toString('utf8'), 'LICENSE must be a copy of the root LICENSE').toBe(rootLicense);
  });

  it('supports Node.js 20 and later, no earlier', () => {
    const range = packed.manifest.engines?.node;
    expect(range, 'engines.node').toBeDefined();
    expect(lowestNodeMajor(range ?? '')).toBeGreaterThanOrEqual(20);
  });

  it('takes @azure/functions as a peer dependency, never its own copy', () => {
    expect(packed.manifest.peerDependencies?.['@azure/functions']).toBeDefined();
    expect(packed.manifest.dependencies?.['@azure/functions']).toBeUndefined();
  });

  it('is published with public access', () => {
    expect(packed.manifest.publishConfig?.access).toBe('public');
  });
});
