import { defineConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way. Source maps are written
// for local debugging but not referenced from the code: the published package leaves them out.
// An app that both imports and requires the extension loads both builds: they are one extension all the same (the
// SDK recognises a twin definition of one that is registered), on one registry shared by the SDK's builds. The peers
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
