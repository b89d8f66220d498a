import { defineProject } from 'vitest/config';

// Tests that bound wall-clock time or memory (`*.load.test.ts`) run in their own project, dev-host-load
// (vitest.load.config.ts), which CI runs too: the bounds there are ones a loaded machine meets.
export default defineProject({
  test: {
    name: 'dev-host',
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.load.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
