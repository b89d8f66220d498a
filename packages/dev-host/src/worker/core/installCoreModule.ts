import Module from 'node:module';
import type { CoreApi } from '../../app/coreApiTypes.js';

// `@azure/functions` does a plain CommonJS `require('@azure/functions-core')` the first time the app registers
// something, and caches "test mode" for good if it fails. The worker answers that require by wrapping
// Module.prototype.require; we do the same, and point the wrapper at whichever host is running. With no host
// running the require fails as it would outside Azure.

const coreModuleName = '@azure/functions-core';
let current: CoreApi | undefined;
let installed = false;

function install(): void {
  if (installed) {
    return;
  }
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, and always called with its `this` below
  const originalRequire = Module.prototype.require;
  Module.prototype.require = new Proxy(originalRequire, {
    apply(target, thisArg: unknown, args: unknown[]): unknown {
      if (args[0] === coreModuleName && current !== undefined) {
        return current;
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
  installed = true;
}

/** Serves `api` as `@azure/functions-core` from now on (or nothing, with `undefined`). */
export function provideCoreModule(api: CoreApi | undefined): void {
  install();
  current = api;
}
