import path from 'node:path';
import { defineConfig, type UserConfig } from 'tsdown';

// Dual ESM + CommonJS with declarations for both: Functions apps are written either way. Source maps are written
// for local debugging but not referenced from the code: the published package leaves them out.
// The ES module and CommonJS builds are two copies of the SDK when an app loads both (one file imports it, another
// requires it): they share one registry through a global (src/sharing.ts), as copies of other versions and of
// renamed forks do, so neither build needs to wrap the other.
const shared = {
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: 'hidden',
  clean: true,
} satisfies UserConfig;

// The main entry is one file per format, with no chunk shared with `./testing`: every file an app loads costs a
// resolution, a read and a compilation at start-up (about 1 ms for the two files a shared chunk and rolldown's
// interop helpers added; docs/performance.md, section 3). So `./testing` is built on its own and carries its own
// copy of the dispatcher: a copy of the SDK like any other, on the same shared registry. The error classes are the
// exception: the ones its runs raise must be the ones the app imports (`instanceof ExtensionHookError`), so it
// takes them from the main entry of the same format, by the package's own name.
const errorsFromMainEntry = {
  name: 'azfx:errors-from-main-entry',
  resolveId: {
    filter: { id: /(^|[\\/])errors\.js$/ },
    handler(source: string, importer: string | undefined) {
      if (importer === undefined) return null;
      const resolved = path.resolve(path.dirname(importer), source.replace(/\.js$/, '.ts'));
      return resolved === path.resolve('src/errors.ts') ? { id: '@azfx/extension-core', external: true } : null;
    },
  },
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' } },
  { ...shared, entry: { testing: 'src/testing/index.ts' }, plugins: [errorsFromMainEntry] },
]);
