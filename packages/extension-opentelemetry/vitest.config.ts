import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'extension-opentelemetry',
    include: ['src/**/*.test.ts'],
    // The whole-app tests start the dev host in this process; it loads the fixture apps with Node's own loader.
    server: { deps: { external: [/\/packages\/dev-host\/dist\//] } },
    // Whole apps on a busy machine: starting the host and a thousand requests wait on events, never on a clock, but
    // they must not lose to a timeout meant for unit tests.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
