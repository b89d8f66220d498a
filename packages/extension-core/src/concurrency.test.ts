import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { useFreshRegistry } from './test-support/recorder.js';
import { runInvocation } from './testing/runInvocation.js';

useFreshRegistry();

/** Yields `turns` times to the event loop, so invocations interleave in an order decided by the test data. */
async function yieldTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('overlapping invocations', () => {
  it('1,000 concurrent invocations each keep their own state, even when some fault', async () => {
    // Per invocation, a deterministic pseudo-random schedule: how long each hook yields, and whether it faults.
    const schedules = fc.sample(
      fc.record({ pre: fc.nat(3), handler: fc.nat(3), post: fc.nat(3), faultInPre: fc.boolean(), handlerFails: fc.boolean() }),
      { numRuns: 1000, seed: 20240611 },
    );
    const mismatches: string[] = [];
    defineExtension({
      name: 'stateful',
      state: () => ({ id: '', touched: 0 }),
      async preInvocation(ctx) {
        ctx.state.id = ctx.invocationId;
        ctx.state.touched++;
        await yieldTurns(schedules[Number(ctx.invocationId)]?.pre ?? 0);
      },
      async postInvocation(ctx) {
        await yieldTurns(schedules[Number(ctx.invocationId)]?.post ?? 0);
        if (ctx.state.id !== ctx.invocationId || ctx.state.touched !== 1) {
          mismatches.push(`${ctx.invocationId} saw ${JSON.stringify(ctx.state)}`);
        }
        ctx.result = `${ctx.state.id}:${String(ctx.result)}`;
      },
    }).configure();
    // A neighbour that faults on some invocations: its faults must stay in those invocations.
    defineExtension({
      name: 'flaky',
      state: () => ({ marker: Symbol('mine') }),
      async preInvocation(ctx) {
        await yieldTurns(1);
        if (schedules[Number(ctx.invocationId)]?.faultInPre === true) throw new Error(`flaky ${ctx.invocationId}`);
      },
    }).configure();

    const outcomes = await Promise.all(
      schedules.map((schedule, index) =>
        runInvocation({
          invocationId: String(index),
          inputs: [index],
          handler: async (input: number) => {
            await yieldTurns(schedule.handler);
            if (schedule.handlerFails) throw new Error(`handler ${input}`);
            return input * 2;
          },
        }),
      ),
    );

    expect(mismatches).toEqual([]);
    outcomes.forEach((outcome, index) => {
      const schedule = schedules[index];
      expect(outcome.result).toBe(schedule?.handlerFails === true ? `${index}:undefined` : `${index}:${index * 2}`);
      expect(outcome.failed).toBe(schedule?.handlerFails);
      if (schedule?.handlerFails === true) expect((outcome.error as Error).message).toBe(`handler ${index}`);
      const faultLines = outcome.logs.filter((log) => log.message.includes('flaky'));
      expect(faultLines.length).toBe(schedule?.faultInPre === true ? 1 : 0);
      if (schedule?.faultInPre === true) expect(faultLines[0]?.message).toContain(`(invocation ${index}): Error: flaky ${index}`);
    });
  });

  it('keeps the SDK bookkeeping in the invocation hook data, under no string key', async () => {
    const { InvocationContext, PreInvocationContext, PostInvocationContext } = await import('@azure/functions');
    const { nativeHooks } = await import('./nativeHooks.js');
    defineExtension({ name: 'any', postInvocation: () => undefined }).configure();
    const hookData: Record<string, unknown> = {};
    const invocationContext = new InvocationContext({ functionName: 'f' });

    await nativeHooks.preInvocation(new PreInvocationContext({ hookData, invocationContext }));
    await nativeHooks.postInvocation(new PostInvocationContext({ hookData, invocationContext }));

    expect(Object.keys(hookData)).toEqual([]);
    expect(Object.getOwnPropertySymbols(hookData)).toHaveLength(1);
  });
});
