import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'starter',
    include: ['src/**/*.test.ts'],
    // The end-to-end tests copy the repository, install offline, build and run a nested test run: minutes, not
    // seconds, on a busy two-core runner. Each sets its own budget; these are the ceilings.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
