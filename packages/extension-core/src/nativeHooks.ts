import type {
  InvocationContext,
  PostInvocationContext as LibraryPostInvocationContext,
  PreInvocationContext as LibraryPreInvocationContext,
} from '@azure/functions';
import type { CoreApi } from './coreApi.js';
import { dispatchAppStart, dispatchAppTerminate } from './dispatch/appLifecycle.js';
import { dispatchPostInvocation } from './dispatch/postInvocation.js';
import { dispatchPreInvocation } from './dispatch/preInvocation.js';
import type { CorePostInvocationContext, CorePreInvocationContext } from './model.js';
import { currentRegistry, type Registry } from './registry.js';

/**
 * Registers the native hooks the app's extensions need, once per app whichever copy of the SDK asks: one pre and
 * one post hook however many extensions there are, one appStart hook (the start-up line), and appTerminate only once
 * an extension uses it.
 *
 * They go straight to the worker's core API, as Microsoft's own monitoring packages register theirs, and receive
 * the worker's own contexts. `app.hook.*` would wrap every call in a new `PreInvocationContext` or
 * `PostInvocationContext` of the library (WeakMap-backed private fields): most of what an invocation costs the SDK
 * (docs/performance.md). The worker runs hooks registered either way in one list, in registration order, so the
 * semantics do not change.
 *
 * Without a core API (outside a worker) nothing is registered, and `app.hook.*` is deliberately not the fallback:
 * the library would ask for the core API from its own module, find none, and stay in "test mode" for good, even
 * if a host provided one later in the same process; and in test mode it registers nothing anyway. Tests drive the
 * dispatcher through `@azfx/extension-core/testing`; the next `configure()` under a worker registers for real.
 */
export function installNativeHooks(registry: Registry, needsAppTerminate: boolean): void {
  const core = registry.coreApi;
  if (core === undefined) return;
  const state = registry.state;
  state.hooks ??= {
    invocation: [
      core.registerHook('preInvocation', (context: CorePreInvocationContext) => dispatchPreInvocation(registry, context)),
      core.registerHook('postInvocation', (context: CorePostInvocationContext) => dispatchPostInvocation(context)),
      core.registerHook('appStart', () => dispatchAppStart(registry)),
    ],
    appTerminate: undefined,
  };
  if (needsAppTerminate) state.hooks.appTerminate ??= registerAppTerminate(core, registry);
}

function registerAppTerminate(core: CoreApi, registry: Registry): ReturnType<CoreApi['registerHook']> {
  return core.registerHook('appTerminate', () => dispatchAppTerminate(registry));
}

/** Unregisters the app's native hooks (tests and hot reload); the next `configure()` registers them again. */
export function uninstallNativeHooks(registry: Registry): void {
  const hooks = registry.state.hooks;
  registry.state.hooks = undefined;
  for (const hook of hooks?.invocation ?? []) hook.dispose();
  hooks?.appTerminate?.dispose();
}

/**
 * The library's context classes seen as the worker's own contexts: what the dispatcher gets when a hook goes
 * through `app.hook.*`, or a test builds the library's public test constructors. Reads and writes go through the
 * library's accessors, which write through to the object the library wraps.
 */
class LibraryPreView implements CorePreInvocationContext {
  readonly #context: LibraryPreInvocationContext;
  constructor(context: LibraryPreInvocationContext) {
    this.#context = context;
  }
  get hookData(): Record<string, unknown> {
    return this.#context.hookData;
  }
  get invocationContext(): InvocationContext {
    return this.#context.invocationContext;
  }
  get inputs(): unknown[] {
    return this.#context.inputs;
  }
  set inputs(value: unknown[]) {
    this.#context.inputs = value;
  }
  get functionCallback(): (...args: unknown[]) => unknown {
    return this.#context.functionHandler as (...args: unknown[]) => unknown;
  }
  set functionCallback(value: (...args: unknown[]) => unknown) {
    this.#context.functionHandler = value;
  }
}

class LibraryPostView implements CorePostInvocationContext {
  readonly #context: LibraryPostInvocationContext;
  constructor(context: LibraryPostInvocationContext) {
    this.#context = context;
  }
  get hookData(): Record<string, unknown> {
    return this.#context.hookData;
  }
  get invocationContext(): InvocationContext {
    return this.#context.invocationContext;
  }
  get inputs(): unknown[] {
    return this.#context.inputs;
  }
  get result(): unknown {
    return this.#context.result;
  }
  set result(value: unknown) {
    this.#context.result = value;
  }
  get error(): unknown {
    return this.#context.error;
  }
  set error(value: unknown) {
    this.#context.error = value;
  }
}

/**
 * The SDK's native hook handlers, for tests: each takes the library's own context (its public test constructors,
 * or what `app.hook.*` passes) and dispatches the extensions of the current app, exactly as the handlers registered
 * with the worker do with the worker's contexts.
 */
export const nativeHooks = {
  preInvocation: (context: LibraryPreInvocationContext): Promise<void> | undefined =>
    dispatchPreInvocation(currentRegistry(), new LibraryPreView(context)),
  postInvocation: (context: LibraryPostInvocationContext): Promise<void> | undefined =>
    dispatchPostInvocation(new LibraryPostView(context)),
  appStart: (): Promise<void> => dispatchAppStart(currentRegistry()),
  appTerminate: (): Promise<void> => dispatchAppTerminate(currentRegistry()),
} as const;
