import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'release',
    include: ['src/**/*.test.ts'],
    // Packing, installing and publishing are slow by nature; each test sets its own budget on top of this.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
