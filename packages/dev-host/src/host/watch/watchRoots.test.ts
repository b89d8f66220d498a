import { describe, expect, it } from 'vitest';
import { watchRoots } from './watchRoots.js';

describe('watchRoots', () => {
  it('watches the top-level folder a main glob reaches into', () => {
    expect(watchRoots('dist/src/functions/*.js')).toEqual(['dist']);
    expect(watchRoots('./build/{index,functions/*}.js')).toEqual(['build']);
    expect(watchRoots('{dist,lib}/**/*.js')).toEqual(['dist', 'lib']);
  });

  it('has no folder for files directly in the app folder or a glob at the top', () => {
    expect(watchRoots('index.js')).toEqual([]);
    expect(watchRoots('*/functions/*.js')).toEqual([]);
  });
});
