import { describe, expect, it } from 'vitest';
import { isEsModule } from './loadEntryPoints.js';

describe('isEsModule (the worker rule)', () => {
  it.each([
    ['a.mjs', undefined, true],
    ['a.mjs', 'commonjs', true],
    ['a.cjs', 'module', false],
    ['a.js', 'module', true],
    ['a.js', 'commonjs', false],
    ['a.js', undefined, false],
  ])('%s with "type": %s → ESM %s', (file, type, expected) => {
    expect(isEsModule(`/app/${file}`, type)).toBe(expected);
  });
});
