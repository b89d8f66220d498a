import { createRequire } from 'node:module';
import path from 'node:path';
import { createCoreApi } from '../worker/core/createCoreApi.js';
import { provideCoreModule } from '../worker/core/installCoreModule.js';
import type { WorkerApp } from '../worker/WorkerApp.js';

const require = createRequire(import.meta.url);
type Library = typeof import('@azure/functions');

/**
 * A fresh copy of the real `@azure/functions` whose core API is `worker`, as if the worker had just started: the
 * library caches the core API on first use, so each test's worker needs its own copy.
 */
export function libraryForWorker(worker: WorkerApp): Library {
  provideCoreModule(createCoreApi(worker));
  const root = path.dirname(require.resolve('@azure/functions/package.json'));
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(root + path.sep)) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- require.cache is keyed by file path
      delete require.cache[key];
    }
  }
  return require('@azure/functions') as Library;
}
