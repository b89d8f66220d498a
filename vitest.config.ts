import { defineConfig } from 'vitest/config';

// One vitest run for the whole repository: each package and app is a project with its own config.
// The JSON report is what .ci/run counts to print its closing `N passed, N failed` line.
export default defineConfig({
  test: {
    // extension-core also runs its behaviour suite against the lowest supported @azure/functions (4.1.0).
    projects: ['packages/*', 'apps/*', 'tooling/*', 'packages/extension-core/vitest.lowest.config.ts', 'packages/dev-host/vitest.load.config.ts'],
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
