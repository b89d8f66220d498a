import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attwProblems } from './attw-problems.js';
import { packPackage } from './pack-package.js';
import {
  danglingSourceMapReferences,
  lowestNodeMajor,
  unexpectedFiles,
  workspaceRanges,
} from './package-contents.js';
import type { PackageManifest } from './published-packages.js';
import { publintProblems } from './publint-problems.js';
import type { TarballEntry } from './read-tarball.js';

// The package checks must be able to fail: each one is shown a small package with the defect it looks for.

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'azfx-checks-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function writePackage(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const entry = (file: string, text = ''): TarballEntry => ({ path: file, mode: 0o644, data: Buffer.from(text) });
const manifest = (fields: Partial<PackageManifest> = {}): PackageManifest => ({ name: 'x', version: '1.0.0', ...fields });

describe('packPackage', () => {
  it('reads back every file of the tarball, long paths included, with the packed package.json', async () => {
    const deep = `dist/${'nested-folder/'.repeat(8)}index.mjs`;
    const dir = await writePackage('packs', {
      'package.json': JSON.stringify({ name: 'packs', version: '1.2.3', files: ['dist'] }),
      [deep]: 'export const deep = true;\n',
      'dist/index.mjs': 'export {};\n',
      'src/index.ts': 'export {};\n',
    });
    const packed = await packPackage(dir, scratch);
    expect(deep.length).toBeGreaterThan(100); // longer than a plain tar header holds
    expect(packed.entries.map((file) => file.path).sort()).toEqual(['dist/index.mjs', deep, 'package.json'].sort());
    expect(packed.entries.find((file) => file.path === deep)?.data.toString()).toBe('export const deep = true;\n');
    expect(packed.manifest.version).toBe('1.2.3');
  });
});

describe('publintProblems', () => {
  it('reports an export that points at a file the tarball does not hold', async () => {
    const dir = await writePackage('publint-broken', {
      'package.json': JSON.stringify({
        name: 'publint-broken',
        version: '1.0.0',
        type: 'module',
        exports: { '.': './dist/missing.js' },
        files: ['dist'],
      }),
      'dist/index.js': 'export {};\n',
    });
    const problems = await publintProblems((await packPackage(dir, scratch)).tarball);
    expect(problems.some((line) => line.includes('FILE_DOES_NOT_EXIST'))).toBe(true);
  });
});

describe('attwProblems', () => {
  it('reports ESM declarations served to require()', async () => {
    const dir = await writePackage('attw-broken', {
      'package.json': JSON.stringify({
        name: 'attw-broken',
        version: '1.0.0',
        type: 'module',
        exports: { '.': { types: './index.d.ts', import: './index.js', require: './index.cjs' } },
      }),
      'index.js': 'export const value = 1;\n',
      'index.cjs': 'exports.value = 1;\n',
      'index.d.ts': 'export declare const value: number;\n',
    });
    const packed = await packPackage(dir, scratch);
    expect(await attwProblems(packed.tarballPath, scratch)).toContainEqual(expect.stringMatching(/FalseESM|false-esm/i));
  });

  it('reports a package without declarations', async () => {
    const dir = await writePackage('attw-untyped', {
      'package.json': JSON.stringify({ name: 'attw-untyped', version: '1.0.0', main: 'index.js' }),
      'index.js': 'exports.value = 1;\n',
    });
    const packed = await packPackage(dir, scratch);
    expect(await attwProblems(packed.tarballPath, scratch)).toEqual(['attw: the package ships no type declarations']);
  });
});

describe('workspaceRanges', () => {
  it('names every dependency that still has a workspace: range', () => {
    const ranges = workspaceRanges(
      manifest({
        dependencies: { '@azfx/extension-core': 'workspace:^', other: '^1.0.0' },
        devDependencies: { '@azfx/dev-host': 'workspace:*' },
      }),
    );
    expect(ranges).toEqual(['dependencies.@azfx/extension-core: workspace:^', 'devDependencies.@azfx/dev-host: workspace:*']);
  });
});

describe('unexpectedFiles', () => {
  const shipped = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.mjs', 'dist/index.d.cts'];

  it('accepts the build output and the documents npm shows', () => {
    expect(unexpectedFiles(shipped.map((file) => entry(file)), manifest({ files: ['dist'] }))).toEqual([]);
  });

  it('flags sources, tests, configs, bin files that are not declared, and excluded maps', () => {
    const extra = ['src/index.ts', 'dist/index.test.js', 'tsconfig.json', 'bin/cli.js', 'dist/index.mjs.map'];
    const found = unexpectedFiles(
      [...shipped, ...extra].map((file) => entry(file)),
      manifest({ files: ['dist', '!dist/**/*.map'] }),
    );
    expect(found).toEqual(extra);
  });

  it('accepts bin/ for a package with a bin, and maps when files does not exclude them', () => {
    const files = [...shipped, 'bin/cli.js', 'dist/index.mjs.map'].map((file) => entry(file));
    expect(unexpectedFiles(files, manifest({ files: ['bin', 'dist'], bin: { cli: './bin/cli.js' } }))).toEqual([]);
  });
});

describe('danglingSourceMapReferences', () => {
  it('flags a sourceMappingURL whose map is not shipped, and accepts shipped or inline maps', () => {
    const entries = [
      entry('dist/a.mjs', 'export {};\n//# sourceMappingURL=a.mjs.map'),
      entry('dist/b.mjs', 'export {};\n//# sourceMappingURL=b.mjs.map\n'),
      entry('dist/b.mjs.map', '{}'),
      entry('dist/c.mjs', 'export {};\n//# sourceMappingURL=data:application/json;base64,e30='),
    ];
    expect(danglingSourceMapReferences(entries)).toEqual([
      'dist/a.mjs points at dist/a.mjs.map, which is not in the tarball',
    ]);
  });
});

describe('lowestNodeMajor', () => {
  it.each([
    ['>=20', 20],
    ['>=20.19.0', 20],
    ['^20.19 || >=22', 20],
    ['>=18 || >=22', 18],
    ['>20', 21],
    ['22.x', 22],
    ['*', undefined],
    ['<24', undefined],
  ])('%s has the lowest major %s', (range, expected) => {
    expect(lowestNodeMajor(range)).toBe(expected);
  });
});
