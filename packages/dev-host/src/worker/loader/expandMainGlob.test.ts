import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandMainGlob } from './expandMainGlob.js';

let appDir: string;

beforeAll(() => {
  appDir = mkdtempSync(path.join(tmpdir(), 'azfx-glob-'));
  const files = [
    'index.js',
    'dist/src/functions/b.js',
    'dist/src/functions/a.js',
    'dist/src/functions/c.mjs',
    'dist/src/functions/.hidden.js',
    'dist/src/functions/notes.txt',
    'dist/src/lib/deep/util.js',
    'dist/.cache/skip.js',
  ];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
    writeFileSync(path.join(appDir, file), '');
  }
  mkdirSync(path.join(appDir, 'dist/src/functions/folder.js'));
});

afterAll(() => {
  rmSync(appDir, { recursive: true, force: true });
});

describe('expandMainGlob', () => {
  it('matches files, not folders, as globby does for the worker', async () => {
    expect([...(await expandMainGlob(appDir, 'dist/src/functions/*.js'))].sort()).toEqual(['dist/src/functions/a.js', 'dist/src/functions/b.js']);
  });

  it('takes a plain path, with or without ./', async () => {
    expect(await expandMainGlob(appDir, 'index.js')).toEqual(['index.js']);
    // globby keeps the ./ (the worker resolves each match against the app folder, so it loads the same file).
    expect(await expandMainGlob(appDir, './index.js')).toEqual(['./index.js']);
    expect(await expandMainGlob(appDir, 'missing.js')).toEqual([]);
  });

  it('expands braces in order and removes duplicates', async () => {
    expect(await expandMainGlob(appDir, '{index,dist/src/functions/a}.js')).toEqual(['index.js', 'dist/src/functions/a.js']);
    expect(await expandMainGlob(appDir, 'dist/src/functions/{a,a,c}.{js,mjs}')).toEqual(['dist/src/functions/a.js', 'dist/src/functions/c.mjs']);
  });

  it('walks any depth with **, skipping dot folders and dot files unless named', async () => {
    const all = await expandMainGlob(appDir, 'dist/**/*.js');
    expect([...all].sort()).toEqual(['dist/src/functions/a.js', 'dist/src/functions/b.js', 'dist/src/lib/deep/util.js']);
    expect(await expandMainGlob(appDir, 'dist/src/functions/.*.js')).toEqual(['dist/src/functions/.hidden.js']);
  });

  it('supports ? and character classes', async () => {
    expect(await expandMainGlob(appDir, 'dist/src/functions/[ab].js')).toHaveLength(2);
    expect(await expandMainGlob(appDir, 'dist/src/functions/[!ab].?js')).toEqual(['dist/src/functions/c.mjs']);
  });
});
