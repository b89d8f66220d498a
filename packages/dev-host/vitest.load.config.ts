import { defineProject } from 'vitest/config';

// The dev host's load tier: the reload load test, the bad-input barrage (heap and RSS bounds) and slow clients
// (time bounds). Run with `pnpm vitest run --project dev-host-load`; CI runs it with the rest. Its bounds are loose
// enough for a busy 2-core machine; the figures it prints are in docs/reliability.md.
export default defineProject({
  test: {
    name: 'dev-host-load',
    root: import.meta.dirname,
    include: ['src/**/*.load.test.ts'],
    testTimeout: 120_000,
  },
});
