import { createRequire } from 'node:module';
import type { Disposable } from './model.js';

/** The part of the worker's `@azure/functions-core` module the SDK registers its hooks with. */
export interface CoreApi {
  registerHook(name: 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate', callback: (context: never) => unknown): Disposable;
}

// The worker serves `@azure/functions-core` by wrapping Module.prototype.require, so a require from anywhere
// reaches it; this one is the SDK's own. That matters: `@azure/functions` asks once, from its own module, and if
// that first ask fails it stays in "test mode" for good (every later registration is a no-op). A failed require
// here leaves no trace (Node caches only modules that loaded), so the SDK can ask as often as it likes without ever
// deciding the library's answer. It also never makes the library ask: see installNativeHooks.
const requireFromHere = createRequire(import.meta.url);

/**
 * The worker's core API, or `undefined` outside a worker (unit tests, scripts) or before a host has provided it.
 * Asked again on every call, never cached: a process may start and stop in-process hosts (tests, the dev host's
 * reloads), each with a core API of its own.
 */
export function findCoreApi(): CoreApi | undefined {
  let core: unknown;
  try {
    core = requireFromHere('@azure/functions-core');
  } catch {
    return undefined;
  }
  const registerHook = (core as { registerHook?: unknown } | null | undefined)?.registerHook;
  return typeof registerHook === 'function' ? (core as CoreApi) : undefined;
}
