import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'http-sample',
    include: ['src/**/*.test.ts'],
    // Each test file starts the app on the dev host, which loads it with Node's own module loader, as the worker
    // does. vitest would otherwise run the dev host itself through its module runner (it is a workspace package,
    // not under node_modules), where that native `import()` is not available.
    server: { deps: { external: [/\/packages\/dev-host\/dist\//] } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
