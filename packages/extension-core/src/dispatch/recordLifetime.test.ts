import azureFunctions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { nativeHooks } from '../nativeHooks.js';
import { useFreshRegistry } from '../test-support/recorder.js';

useFreshRegistry();

const { InvocationContext, PreInvocationContext, PostInvocationContext } = azureFunctions;

// Everything the SDK keeps for an invocation hangs off the native hookData; once the post phase is over nothing of
// it may stay reachable from there (the library keeps hookData alive longer than the invocation).
async function runWith(postInvocation: () => void | Promise<void>): Promise<Record<PropertyKey, unknown>> {
  defineExtension({ name: 'kept', state: () => ({ big: new Array<number>(16).fill(1) }), postInvocation }).configure();
  const invocationContext = new InvocationContext({ functionName: 'orders', invocationId: 'lifetime' });
  const hookData: Record<string, unknown> = {};
  await nativeHooks.preInvocation(new PreInvocationContext({ invocationContext, hookData, inputs: [], functionCallback: () => 'ok' }));
  const symbolsDuring = Object.getOwnPropertySymbols(hookData).filter((key) => (hookData as Record<PropertyKey, unknown>)[key] !== undefined);
  expect(symbolsDuring).toHaveLength(1);
  await nativeHooks.postInvocation(new PostInvocationContext({ invocationContext, hookData, inputs: [], result: 'ok' }));
  return hookData;
}

describe('the invocation record', () => {
  it('is detached from hookData when a synchronous post phase ends', async () => {
    const hookData = await runWith(() => undefined);
    expect(Object.getOwnPropertySymbols(hookData).map((key) => hookData[key])).toEqual([undefined]);
  });

  it('is detached from hookData when an asynchronous post phase ends', async () => {
    const hookData = await runWith(async () => {
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(Object.getOwnPropertySymbols(hookData).map((key) => hookData[key])).toEqual([undefined]);
  });
});
