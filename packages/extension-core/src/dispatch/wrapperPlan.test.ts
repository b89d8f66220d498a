import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { currentRegistry } from '../registry.js';
import { recorder, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';

useFreshRegistry();

const log = { functionName: 'orders', invocationId: 'plan', error: () => undefined };

function configureMix(record: (event: string) => void, failingPre: string | undefined): void {
  for (const name of ['a', 'b', 'c', 'd']) {
    const wraps = name !== 'b';
    defineExtension({
      name,
      preInvocation() {
        if (name === failingPre) throw new Error(`${name} broke`);
      },
      ...(wraps && {
        aroundHandler(_ctx, next) {
          record(`${name}:around`);
          return next();
        },
      }),
    }).configure();
  }
}

describe('the wrappers of an invocation', () => {
  it('are known from the plan: which planned extensions wrap the handler, by position', () => {
    configureMix(() => undefined, undefined);

    const plan = currentRegistry().planFor('orders', 'httpTrigger', log);

    expect(plan.entries.map((entry) => entry.ext.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.wrapperSlots).toEqual([0, 2, 3]);
  });

  it('when every planned extension entered: the wrapping ones, outermost first', async () => {
    const { events, record } = recorder();
    configureMix(record, undefined);

    const outcome = await runInvocation({ functionName: 'orders', handler: () => 'ok' });

    expect(outcome.result).toBe('ok');
    expect(events).toEqual(['a:around', 'c:around', 'd:around']);
  });

  it('when one did not enter (its pre hook faulted): the wrapping ones that did, outermost first', async () => {
    const { events, record } = recorder();
    configureMix(record, 'c');

    const outcome = await runInvocation({ functionName: 'orders', handler: () => 'ok' });

    expect(outcome.result).toBe('ok');
    expect(events).toEqual(['a:around', 'd:around']);
  });

  it('every planned extension wraps: each runs once, outermost first', async () => {
    const { events, record } = recorder();
    for (const name of ['x', 'y']) {
      defineExtension({
        name,
        aroundHandler(_ctx, next) {
          record(`${name}:around`);
          return next();
        },
      }).configure();
    }

    await runInvocation({ handler: () => 'ok' });
    await runInvocation({ handler: () => 'ok' });

    expect(events).toEqual(['x:around', 'y:around', 'x:around', 'y:around']);
  });
});
