import { defineConfig } from 'vitest/config';

// One vitest run for the whole repository: each package and app is a project with its own config.
// The JSON report is what .ci/run counts to print its closing `N passed, N failed` line.
export default defineConfig({
  test: {
    // A package with a vitest.lowest.config.ts (extension-core, every generated extension) runs its suite again
    // against the lowest supported @azure/functions (4.1.0); the dev host's load tier has a config of its own.
    projects: ['packages/*', 'apps/*', 'tooling/*', 'packages/*/vitest.lowest.config.ts', 'packages/dev-host/vitest.load.config.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/fixtures/**'],
      reporter: ['text-summary', 'html', 'json-summary'],
      reportsDirectory: 'reports/coverage',
    },
  },
});
