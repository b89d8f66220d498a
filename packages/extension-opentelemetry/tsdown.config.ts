import { defineConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way. Source maps are written
// for local debugging but not referenced from the code: the published package leaves them out.
// The build script then turns `index.mjs` into a thin wrapper over `index.cjs` (scripts/write-esm-wrapper.mjs):
// imported or required, the extension is one module, configured once, on the one copy of the SDK. The peers
// (@azure/functions, @opentelemetry/api) stay external: the app's own copies are used.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: 'hidden',
  clean: true,
});
