import { defineConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
});
