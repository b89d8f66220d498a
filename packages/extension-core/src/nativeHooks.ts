// A default import: @azure/functions is a CommonJS bundle whose named exports Node's ESM loader cannot all see.
import azureFunctions, { type Disposable } from '@azure/functions';
import { dispatchAppStart, dispatchAppTerminate } from './dispatch/appLifecycle.js';
import { dispatchPostInvocation } from './dispatch/postInvocation.js';
import { dispatchPreInvocation } from './dispatch/preInvocation.js';

/**
 * The SDK's handlers for the library's hooks, exactly as registered with `app.hook.*`. Tests call them directly
 * with the library's own context constructors (outside a worker the library registers nothing).
 */
export const nativeHooks = {
  preInvocation: dispatchPreInvocation,
  postInvocation: dispatchPostInvocation,
  appStart: dispatchAppStart,
  appTerminate: dispatchAppTerminate,
} as const;

let invocationHooks: Disposable[] | undefined;
let appTerminateHook: Disposable | undefined;

/**
 * Registers the native hooks the configured extensions need, once: one pre and one post hook however many
 * extensions there are, one appStart hook (the start-up line), and appTerminate only once an extension uses it.
 */
export function installNativeHooks(needsAppTerminate: boolean): void {
  const { app } = azureFunctions;
  invocationHooks ??= [
    app.hook.preInvocation(dispatchPreInvocation),
    app.hook.postInvocation(dispatchPostInvocation),
    app.hook.appStart(dispatchAppStart),
  ];
  if (needsAppTerminate) appTerminateHook ??= app.hook.appTerminate(dispatchAppTerminate);
}

/** Unregisters every native hook (tests and hot reload); the next `configure()` registers them again. */
export function uninstallNativeHooks(): void {
  for (const hook of invocationHooks ?? []) hook.dispose();
  appTerminateHook?.dispose();
  invocationHooks = undefined;
  appTerminateHook = undefined;
}
