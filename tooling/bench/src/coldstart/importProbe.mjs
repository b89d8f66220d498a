// One cold import, in a fresh process started by ./measureImports.mjs: installs the worker's core API (so that
// the timer registers its hooks as it would in Azure), then imports the given modules one after the other and
// reports how long that took. The clock starts after Node's own bootstrap, which is the same for every variant.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { reportToParent } from '../support/runChild.mjs';
import { installWorkerCore } from '../support/workerCore.mjs';

const [mode, ...specifiers] = process.argv.slice(2);
installWorkerCore();
const require = createRequire(import.meta.url);

const start = performance.now();
for (const specifier of specifiers) {
  if (mode === 'require') require(specifier);
  else await import(specifier);
}
const importMs = performance.now() - start;

await reportToParent({ importMs, sinceProcessStartMs: performance.now() });
