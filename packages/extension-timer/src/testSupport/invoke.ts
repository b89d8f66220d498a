import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import type { FunctionHandler, LogLevel } from '@azure/functions';
import { InvocationContext, PostInvocationContext, PreInvocationContext } from '@azure/functions';
import { nativeHooks } from '@azfx/extension-core/testing';

export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

export interface Invocation {
  functionName?: string;
  /** `httpTrigger` (default) functions get an `http` return binding, as `app.http` registers them. */
  triggerType?: string;
  inputs?: unknown[];
  handler?: (...args: unknown[]) => unknown;
}

export interface InvocationResult {
  readonly invocationId: string;
  readonly result: unknown;
  readonly error: unknown;
  readonly logs: readonly LogLine[];
}

/**
 * Runs one invocation through the SDK's native hook handlers with the library's own context classes, in the
 * worker's sequence: pre hooks, the (possibly wrapped) handler called with `(...inputs, context)`, post hooks.
 */
export async function invoke(invocation: Invocation = {}): Promise<InvocationResult> {
  const logs: LogLine[] = [];
  const triggerType = invocation.triggerType ?? 'httpTrigger';
  const invocationContext = new InvocationContext({
    invocationId: randomUUID(),
    functionName: invocation.functionName ?? 'HttpTrigger',
    options: {
      trigger: { type: triggerType, name: 'trigger' },
      ...(triggerType === 'httpTrigger' ? { return: { type: 'http', name: '$return' } } : {}),
    },
    logHandler: (level, ...args) => logs.push({ level, message: format(...args) }),
  });
  const handler = invocation.handler ?? (() => undefined);
  const hookData: Record<string, unknown> = {};
  const pre = new PreInvocationContext({
    hookData,
    invocationContext,
    inputs: [...(invocation.inputs ?? [])],
    functionCallback: handler as FunctionHandler,
  });
  await nativeHooks.preInvocation(pre);

  let result: unknown;
  let error: unknown;
  try {
    result = await (pre.functionHandler as (...args: unknown[]) => unknown)(...pre.inputs, invocationContext);
  } catch (thrown) {
    error = thrown;
  }
  const post = new PostInvocationContext({ hookData, invocationContext, inputs: pre.inputs, result, error });
  await nativeHooks.postInvocation(post);
  return { invocationId: invocationContext.invocationId, result: post.result, error: post.error, logs };
}
