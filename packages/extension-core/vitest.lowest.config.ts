import { defineProject } from 'vitest/config';

// The same behaviour suite against the lowest @azure/functions the peer range allows (4.1.0, the first with
// hooks), installed as the alias package `azure-functions-4.1.0`, and through the library's own hook contexts
// (the default project feeds the dispatcher the worker's plain contexts). Only the exact specifier is mapped, so nothing
// else under @azure/ is affected.
export default defineProject({
  resolve: {
    alias: [{ find: /^@azure\/functions$/, replacement: 'azure-functions-4.1.0' }],
  },
  test: {
    name: 'extension-core-lowest',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.app.test.ts'],
    setupFiles: ['src/test-support/quietLibraryTestMode.ts', 'src/test-support/libraryContextsPath.ts'],
    env: { AZFX_EXPECT_LIBRARY: '4.1.0' },
  },
});
