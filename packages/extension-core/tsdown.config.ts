import { defineConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way. Source maps are written
// for local debugging but not referenced from the code: the published package leaves them out.
// The ES module and CommonJS builds are two copies of the SDK when an app loads both (one file imports it, another
// requires it): they share one registry through a global (src/sharing.ts), as copies of other versions and of
// renamed forks do, so neither build needs to wrap the other.
export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: 'hidden',
  clean: true,
  // Rolldown's interop helpers get a chunk of their own. Left to itself it put them in the testing entry, which the
  // shared chunk then required: a require cycle in the CommonJS build that left `nativeHooks` undefined for an app
  // that required the main entry first.
  outputOptions: { codeSplitting: { groups: [{ name: 'interop', test: /rolldown[\\/]runtime/ }] } },
});
