import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { tick, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation, type InvocationOutcome } from '../testing/runInvocation.js';

useFreshRegistry();

// A wrapper that calls next() and returns without awaiting it is an extension bug. Whatever the handler then does,
// the process must not see an unhandled rejection (by default Node exits on one): a fault of one extension never
// crashes the worker.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Lets every pending rejection settle and Node decide whether it was handled. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await tick();
}

function errorLines(outcome: InvocationOutcome): string[] {
  return outcome.logs.filter((log) => log.level === 'error').map((log) => log.message);
}

const handlerBoom = (): never => {
  throw new Error('handler boom');
};

describe('a wrapper that does not await next()', () => {
  it('keeps the result it returned; the handler error is logged as its fault, never an unhandled rejection', async () => {
    defineExtension({
      name: 'fireAndForget',
      aroundHandler(_ctx, next) {
        void next();
        return { status: 202 };
      },
    }).configure();

    const outcome = await runInvocation({ functionName: 'orders', invocationId: 'inv-1', handler: handlerBoom });
    await settle();

    expect(unhandled).toEqual([]);
    expect(outcome).toMatchObject({ failed: false, result: { status: 202 }, handlerCalled: true });
    expect(errorLines(outcome)).toEqual([
      expect.stringMatching(
        /^\[azfx\] Extension "fireAndForget" failed in aroundHandler for function "orders" \(invocation inv-1\): returned without awaiting next\(\), which then failed; .*: Error: handler boom\n\s+at /s,
      ),
    ]);
  });

  it('is the same for an async wrapper and a handler that fails after the invocation is over', async () => {
    let failLater: (error: Error) => void = () => undefined;
    defineExtension({
      name: 'fireAndForget',
      failInvocationOnError: true,
      // eslint-disable-next-line @typescript-eslint/require-await -- the bug under test: nothing is awaited
      async aroundHandler(_ctx, next) {
        void next();
        return 'accepted';
      },
    }).configure();

    const outcome = await runInvocation({
      handler: () =>
        new Promise((_, reject) => {
          failLater = reject;
        }),
    });
    failLater(new Error('late boom'));
    await settle();

    expect(unhandled).toEqual([]);
    expect(outcome).toMatchObject({ failed: false, result: 'accepted' });
    expect(errorLines(outcome)).toEqual([expect.stringMatching(/returned without awaiting next\(\).*Error: late boom/s)]);
  });

  it('logs nothing when the handler it did not await succeeds', async () => {
    defineExtension({
      name: 'fireAndForget',
      aroundHandler(_ctx, next) {
        void next();
        return 'accepted';
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'done' });
    await settle();

    expect(outcome).toMatchObject({ failed: false, result: 'accepted' });
    expect(outcome.logs).toEqual([]);
  });
});

describe('a wrapper that looks at the failure of next()', () => {
  it('may recover from it without a fault being logged', async () => {
    defineExtension({
      name: 'fallback',
      async aroundHandler(_ctx, next) {
        try {
          return await next();
        } catch {
          return 'fallback';
        }
      },
    }).configure();

    const outcome = await runInvocation({ handler: handlerBoom });
    await settle();

    expect(outcome).toMatchObject({ failed: false, result: 'fallback' });
    expect(outcome.logs).toEqual([]);
  });

  it('may handle it in the background (next().catch()) without a fault being logged', async () => {
    const seen: unknown[] = [];
    defineExtension({
      name: 'background',
      aroundHandler(_ctx, next) {
        next().catch((error: unknown) => seen.push(error));
        return 'accepted';
      },
    }).configure();

    const outcome = await runInvocation({ handler: handlerBoom });
    await settle();

    expect(unhandled).toEqual([]);
    expect(outcome).toMatchObject({ failed: false, result: 'accepted' });
    expect(seen).toEqual([new Error('handler boom')]);
    expect(outcome.logs).toEqual([]);
  });

  it('passes it on by returning next() (sync wrapper), so the invocation fails with it and nothing else is logged', async () => {
    defineExtension({ name: 'passThrough', aroundHandler: (_ctx, next) => next() }).configure();

    const outcome = await runInvocation({ handler: handlerBoom });
    await settle();

    expect(outcome).toMatchObject({ failed: true, error: new Error('handler boom') });
    expect(outcome.logs).toEqual([]);
  });
});
