import { describe, expect, it } from 'vitest';
import { isLoopback } from './isLoopback.js';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.1', 'localhost', 'LocalHost'])('%s is this machine only', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '0.0.0.0', '::', '', 'example.com', '127.0.0.1.example.com', undefined])(
    '%s is not',
    (address) => {
      expect(isLoopback(address)).toBe(false);
    },
  );
});
