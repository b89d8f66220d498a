import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'http-sample',
    include: ['src/**/*.test.ts'],
  },
});
