// One cold start of an app's imports, in a fresh process started by ./measureImports.mjs. It installs the worker's
// core API (so that the timer registers its hooks as it would in Azure), then loads, one after the other and each
// timed on its own, what an app using the timer loads: the library, then extension-core, then the timer. Each step
// costs only what the earlier ones did not already load, which is exactly what adding it to an app costs.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { reportToParent } from '../support/runChild.mjs';
import { installWorkerCore } from '../support/workerCore.mjs';
import { IMPORT_CHAIN } from './importChain.mjs';

const mode = process.argv[2] === 'require' ? 'require' : 'import';
installWorkerCore();
const require = createRequire(import.meta.url);

/** @type {Record<string, number>} */
const stepMs = {};
for (const specifier of IMPORT_CHAIN) {
  const start = performance.now();
  if (mode === 'require') require(specifier);
  else await import(specifier);
  stepMs[specifier] = performance.now() - start;
}

await reportToParent({ stepMs, sinceProcessStartMs: performance.now() });
