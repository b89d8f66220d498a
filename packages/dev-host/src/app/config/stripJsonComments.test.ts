import { describe, expect, it } from 'vitest';
import { stripJsonComments } from './stripJsonComments.js';

describe('stripJsonComments', () => {
  it('removes comments but not comment-like text inside strings, keeping line numbers', () => {
    const text = '{\n  // line\n  "url": "http://x/*y*/", /* block\n spans */ "q": "a\\"//b"\n}';
    const stripped = stripJsonComments(text);
    expect(JSON.parse(stripped)).toEqual({ url: 'http://x/*y*/', q: 'a"//b' });
    expect(stripped.split('\n')).toHaveLength(text.split('\n').length);
  });
});
