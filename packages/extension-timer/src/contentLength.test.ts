import { describe, expect, it } from 'vitest';
import { lengthenContentLength } from './contentLength.js';

describe('lengthenContentLength', () => {
  it('adds the appended bytes to a declared length', () => {
    const headers = new Headers({ 'content-length': '10' });
    lengthenContentLength(headers, 28);
    expect(headers.get('content-length')).toBe('38');
  });

  it('adds no header when none was declared', () => {
    const headers = new Headers();
    lengthenContentLength(headers, 28);
    expect(headers.has('content-length')).toBe(false);
  });

  it.each(['ten', '-1', '1.5', '10, 10', ''])('drops %j, which is not a length, so the body is sent chunked', (value) => {
    const headers = new Headers({ 'content-length': value });
    lengthenContentLength(headers, 28);
    expect(headers.has('content-length')).toBe(false);
  });
});
