import { defineConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way. Source maps are written
// for local debugging but not referenced from the code: the published package leaves them out.
// Two entries share one chunk for the registry, so `@azfx/extension-core/testing` drives the same extensions
// the app configured. The build script then turns the `.mjs` entries into thin wrappers over the `.cjs` build
// (scripts/write-esm-wrapper.mjs): an app that imports the SDK in one file and requires it in another (or uses
// an ESM extension and a CJS one) still gets one registry. The `.d.mts` declarations tsdown writes stay.
export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: 'hidden',
  clean: true,
});
