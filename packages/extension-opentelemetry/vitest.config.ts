import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'extension-opentelemetry',
    include: ['src/**/*.test.ts'],
    // The whole-app tests start the dev host in this process; it loads the fixture apps with Node's own loader.
    server: { deps: { external: [/\/packages\/dev-host\/dist\//] } },
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
