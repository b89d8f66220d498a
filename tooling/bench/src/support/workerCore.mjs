import Module from 'node:module';

/**
 * The part of the Functions worker that hook registration talks to. `@azure/functions` registers hooks by calling
 * `require('@azure/functions-core').registerHook(name, callback)`, where `callback` is the library's own wrapper
 * around the app's handler (it builds a `PreInvocationContext`/`PostInvocationContext` per call). The worker
 * serves that module by wrapping `Module.prototype.require`; this does the same, so that `app.hook.*` and
 * extension-core register exactly as in Azure and the benchmark runs the very callbacks the worker would run.
 * Outside a worker the library would be in "test mode" and register nothing.
 *
 * Install it before anything calls `app.*` (the library asks for the core API once, lazily, and caches the answer).
 */

/** @typedef {(context: object) => unknown} HookCallback */
/** @typedef {'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log'} HookName */

/** The hooks registered so far, by kind, in registration order (the order the worker runs them in). */
export class RegisteredHooks {
  /** @type {Record<HookName, HookCallback[]>} */
  byName = { preInvocation: [], postInvocation: [], appStart: [], appTerminate: [], log: [] };

  /**
   * @param {string} name
   * @param {HookCallback} callback
   * @returns {{ dispose(): void }}
   */
  register(name, callback) {
    if (!Object.hasOwn(this.byName, name)) throw new RangeError(`Unknown hook "${name}".`);
    const list = this.byName[/** @type {HookName} */ (name)];
    list.push(callback);
    return new Disposable(() => {
      const index = list.indexOf(callback);
      if (index >= 0) list.splice(index, 1);
    });
  }
}

class Disposable {
  /** @type {(() => void) | undefined} */
  #dispose;

  /** @param {() => void} dispose */
  constructor(dispose) {
    this.#dispose = dispose;
  }

  /** @param {...{ dispose(): void }} disposables */
  static from(...disposables) {
    return new Disposable(() => {
      for (const disposable of disposables) disposable.dispose();
    });
  }

  dispose() {
    this.#dispose?.();
    this.#dispose = undefined;
  }
}

let installed = false;

/**
 * Serves `@azure/functions-core` from now on and returns where its hook registrations land.
 * @returns {RegisteredHooks}
 */
export function installWorkerCore() {
  if (installed) throw new Error('installWorkerCore() runs once per process.');
  installed = true;
  const hooks = new RegisteredHooks();
  const coreApi = Object.freeze({
    version: '3.10.1',
    hostVersion: '4.1040.0',
    /** @type {(name: string, callback: HookCallback) => { dispose(): void }} */
    registerHook: (name, callback) => hooks.register(name, callback),
    registerFunction: () => {
      throw new Error('The benchmark harness runs hooks only; it registers no functions.');
    },
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    log: () => undefined,
    Disposable,
  });
  const originalRequire = Module.prototype.require;
  /** @type {(this: NodeJS.Module, id: string) => unknown} */
  function requireWithCore(id) {
    return id === '@azure/functions-core' ? coreApi : originalRequire.call(this, id);
  }
  Module.prototype.require = /** @type {NodeJS.Require} */ (/** @type {unknown} */ (requireWithCore));
  return hooks;
}
