import { describe, expect, it } from 'vitest';
import { isIdentityEncoded } from './contentEncoding.js';

describe('isIdentityEncoded', () => {
  it.each([null, '', 'identity', 'IDENTITY', ' identity ', 'identity, identity'])('takes %j as identity', (value) => {
    expect(isIdentityEncoded(value)).toBe(true);
  });

  it.each(['gzip', 'br', 'deflate', 'zstd', 'x-gzip', 'GZIP', 'identity, gzip', 'gzip, identity'])(
    'takes %j as a coding that changes the bytes',
    (value) => {
      expect(isIdentityEncoded(value)).toBe(false);
    },
  );
});
