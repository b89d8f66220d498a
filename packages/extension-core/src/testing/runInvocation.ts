import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
// A default import: @azure/functions is a CommonJS bundle, and Node's ESM loader cannot see its classes as named
// exports (`import { InvocationContext } from '@azure/functions'` fails in a real ESM app, not under vitest).
import azureFunctions, { type FunctionHandler, type InvocationContext, type LogLevel } from '@azure/functions';
import { dispatchPostInvocation } from '../dispatch/postInvocation.js';
import { dispatchPreInvocation } from '../dispatch/preInvocation.js';
import type { CorePostInvocationContext, CorePreInvocationContext } from '../model.js';
import { nativeHooks } from '../nativeHooks.js';
import { currentRegistry } from '../registry.js';

/** One line an invocation logged through its `InvocationContext`. */
export interface InvocationLog {
  readonly level: LogLevel;
  readonly message: string;
}

export interface RunInvocationOptions {
  /** Default `'testFunction'`. */
  functionName?: string;
  /** Default `'httpTrigger'`. */
  triggerType?: string;
  /** Default: a random UUID. */
  invocationId?: string;
  /** The handler's inputs (the trigger input first). Default `[]`. */
  inputs?: unknown[];
  /** Called as the worker calls it: `handler(...inputs, invocationContext)`. Default: returns `undefined`. */
  handler?: (...args: never[]) => unknown;
}

export interface InvocationOutcome {
  /** The result after the post phase (what the worker would turn into the response). */
  readonly result: unknown;
  /** The error after the post phase, `undefined` when the invocation succeeded. */
  readonly error: unknown;
  readonly failed: boolean;
  /** Whether the original handler ran (not a short-circuit or a failed pre phase). */
  readonly handlerCalled: boolean;
  /** The inputs the handler slot was called with. */
  readonly inputs: readonly unknown[];
  readonly invocationContext: InvocationContext;
  readonly logs: readonly InvocationLog[];
}

/**
 * Runs one invocation of the configured extensions the way the worker does: pre hooks, the handler slot with
 * `(...inputs, context)`, post hooks with the result or error, and the final error decides failure. The hooks get
 * the worker's own plain contexts, as they do in Azure (extension-core registers on the worker's core API). For
 * unit tests of extensions; whole apps are better tested with `@azfx/dev-host`.
 */
export function runInvocation(options: RunInvocationOptions = {}): Promise<InvocationOutcome> {
  return runInvocationVia(defaultPath, options);
}

/**
 * Which contexts the dispatcher gets: the worker's own (`coreApi`, the production path), or the library's
 * `PreInvocationContext`/`PostInvocationContext` classes (`libraryContexts`, what `app.hook.*` and
 * `nativeHooks` pass). The SDK's own tests run its behaviour suite through both.
 */
export type DispatchPath = 'coreApi' | 'libraryContexts';

let defaultPath: DispatchPath = 'coreApi';

/** Which path `runInvocation` takes in this process: the SDK's own suites run once each way (not public). */
export function useDispatchPath(path: DispatchPath): void {
  defaultPath = path;
}

export async function runInvocationVia(path: DispatchPath, options: RunInvocationOptions = {}): Promise<InvocationOutcome> {
  const { InvocationContext, PreInvocationContext, PostInvocationContext } = azureFunctions;
  const logs: InvocationLog[] = [];
  const triggerType = options.triggerType ?? 'httpTrigger';
  const invocationContext = new InvocationContext({
    functionName: options.functionName ?? 'testFunction',
    invocationId: options.invocationId ?? randomUUID(),
    options: {
      trigger: { type: triggerType, name: 'trigger' },
      // `app.http` functions return through an `http` binding; an extension may ask (the timer does).
      ...(triggerType === 'httpTrigger' ? { return: { type: 'http', name: '$return' } } : {}),
    },
    logHandler: (level, ...args) => logs.push({ level, message: format(...args) }),
  });
  let handlerCalled = false;
  const handler = options.handler ?? (() => undefined);
  const functionCallback = (...args: unknown[]): unknown => {
    handlerCalled = true;
    return (handler as (...args: unknown[]) => unknown)(...args);
  };
  // One hookData for the invocation, shared by its pre and post hooks, exactly as the worker does.
  const hookData: Record<string, unknown> = {};
  const registry = currentRegistry();
  let inputs: unknown[];
  let callback: (...args: unknown[]) => unknown;
  if (path === 'coreApi') {
    const pre: CorePreInvocationContext = { hookData, invocationContext, inputs: [...(options.inputs ?? [])], functionCallback };
    await dispatchPreInvocation(registry, pre);
    ({ inputs, functionCallback: callback } = pre);
  } else {
    const pre = new PreInvocationContext({
      hookData,
      invocationContext,
      inputs: [...(options.inputs ?? [])],
      functionCallback: functionCallback as FunctionHandler,
    });
    await nativeHooks.preInvocation(pre);
    inputs = pre.inputs;
    callback = pre.functionHandler as (...args: unknown[]) => unknown;
  }

  let result: unknown;
  let error: unknown;
  try {
    result = await callback(...inputs, invocationContext);
  } catch (thrown) {
    error = thrown;
  }

  let finalResult: unknown;
  let finalError: unknown;
  if (path === 'coreApi') {
    const post: CorePostInvocationContext = { hookData, invocationContext, inputs, result, error };
    await dispatchPostInvocation(post);
    ({ result: finalResult, error: finalError } = post);
  } else {
    const post = new PostInvocationContext({ hookData, invocationContext, inputs, result, error });
    await nativeHooks.postInvocation(post);
    ({ result: finalResult, error: finalError } = post);
  }
  const failed = finalError !== undefined && finalError !== null;
  return {
    result: finalResult,
    error: failed ? finalError : undefined,
    failed,
    handlerCalled,
    inputs,
    invocationContext,
    logs,
  };
}
