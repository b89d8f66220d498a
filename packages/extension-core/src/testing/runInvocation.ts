import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
// A default import: @azure/functions is a CommonJS bundle, and Node's ESM loader cannot see its classes as named
// exports (`import { InvocationContext } from '@azure/functions'` fails in a real ESM app, not under vitest).
import azureFunctions, { type FunctionHandler, type InvocationContext, type LogLevel } from '@azure/functions';
import { nativeHooks } from '../nativeHooks.js';

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
 * Runs one invocation of the configured extensions the way the worker does, with the library's own context
 * classes: pre hooks, the handler slot with `(...inputs, context)`, post hooks with the result or error, and the
 * final error decides failure. For unit tests of extensions; whole apps are better tested with `@azfx/dev-host`.
 */
export async function runInvocation(options: RunInvocationOptions = {}): Promise<InvocationOutcome> {
  const { InvocationContext, PreInvocationContext, PostInvocationContext } = azureFunctions;
  const logs: InvocationLog[] = [];
  const invocationContext = new InvocationContext({
    functionName: options.functionName ?? 'testFunction',
    invocationId: options.invocationId ?? randomUUID(),
    options: { trigger: { type: options.triggerType ?? 'httpTrigger', name: 'trigger' } },
    logHandler: (level, ...args) => logs.push({ level, message: format(...args) }),
  });
  let handlerCalled = false;
  const handler = options.handler ?? (() => undefined);
  const functionCallback: FunctionHandler = (...args: unknown[]) => {
    handlerCalled = true;
    return (handler as (...args: unknown[]) => unknown)(...args);
  };
  // One hookData for the invocation, shared by its pre and post hooks, exactly as the worker does.
  const hookData: Record<string, unknown> = {};
  const pre = new PreInvocationContext({
    hookData,
    invocationContext,
    inputs: [...(options.inputs ?? [])],
    functionCallback,
  });
  await nativeHooks.preInvocation(pre);

  const inputs = pre.inputs;
  let result: unknown;
  let error: unknown;
  try {
    result = await pre.functionHandler(...(inputs as [unknown]), invocationContext);
  } catch (thrown) {
    error = thrown;
  }

  const post = new PostInvocationContext({ hookData, invocationContext, inputs, result, error });
  await nativeHooks.postInvocation(post);
  const finalError: unknown = post.error;
  const failed = finalError !== undefined && finalError !== null;
  return {
    result: post.result,
    error: failed ? finalError : undefined,
    failed,
    handlerCalled,
    inputs,
    invocationContext,
    logs,
  };
}
