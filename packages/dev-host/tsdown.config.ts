import { defineConfig } from 'tsdown';

// The library is dual ESM + CommonJS so tests of either kind can import it; the CLI is ESM only. Source maps are
// written for local debugging but not referenced from the code: the published package leaves them out.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'node20',
    dts: true,
    sourcemap: 'hidden',
    clean: true,
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: 'hidden',
    clean: false,
  },
]);
