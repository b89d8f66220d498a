import { describe, expect, it } from 'vitest';
import { expandBraces } from './expandBraces.js';

describe('expandBraces', () => {
  it('expands nested braces and leaves a brace without a comma alone', () => {
    expect(expandBraces('a/{b,c/{d,e}}/f')).toEqual(['a/b/f', 'a/c/d/f', 'a/c/e/f']);
    expect(expandBraces('literal{x}.js')).toEqual(['literal{x}.js']);
  });
});
