import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'extension-core',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-support/quietLibraryTestMode.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
