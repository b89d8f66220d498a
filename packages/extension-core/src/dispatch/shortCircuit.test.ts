import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { recorder, tick, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';

useFreshRegistry();

function observer(name: string, record: (event: string) => void) {
  return defineExtension({
    name,
    preInvocation: () => {
      record(`${name}:pre`);
    },
    aroundHandler: (_ctx, next) => {
      record(`${name}:around`);
      return next();
    },
    postInvocation: (ctx) => {
      record(`${name}:post shortCircuited=${String(ctx.shortCircuited)} result=${String(ctx.result)}`);
    },
  });
}

describe('short-circuit with respond()', () => {
  it('skips later pre hooks, every wrapper and the handler; the post phase of those that ran still runs', async () => {
    const { events, record } = recorder();
    observer('outer', record).configure();
    defineExtension({
      name: 'cache',
      async preInvocation(ctx) {
        await tick();
        ctx.respond('cached');
      },
      postInvocation(ctx) {
        record(`cache:post shortCircuited=${String(ctx.shortCircuited)}`);
      },
    }).configure();
    observer('inner', record).configure();

    const outcome = await runInvocation({ handler: () => 'fresh' });

    expect(outcome).toMatchObject({ result: 'cached', failed: false, handlerCalled: false });
    expect(events).toEqual([
      'outer:pre',
      'cache:post shortCircuited=true',
      'outer:post shortCircuited=true result=cached',
    ]);
  });

  it('lets an outer post hook replace the short-circuit result', async () => {
    defineExtension({
      name: 'decorate',
      postInvocation(ctx) {
        ctx.result = `${String(ctx.result)}!`;
      },
    }).configure();
    defineExtension({
      name: 'auth',
      preInvocation(ctx) {
        ctx.respond({ status: 401 });
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => ({ status: 200 }) });

    expect(outcome.handlerCalled).toBe(false);
    expect(outcome.result).toBe('[object Object]!');
  });

  it('answers with undefined when respond() is called without a meaningful result', async () => {
    defineExtension({
      name: 'nothing',
      preInvocation(ctx) {
        ctx.respond(undefined);
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'handler ran' });

    expect(outcome).toMatchObject({ result: undefined, handlerCalled: false, failed: false });
  });

  it('is voided when the responding hook then faults (the extension did not enter the invocation)', async () => {
    defineExtension({
      name: 'flaky',
      preInvocation(ctx) {
        ctx.respond('early');
        throw new Error('after respond');
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'handler ran' });

    expect(outcome).toMatchObject({ result: 'handler ran', handlerCalled: true, failed: false });
  });

  it('refuses respond() outside the pre phase, with a message saying where it belongs', async () => {
    let problem: unknown;
    defineExtension({
      name: 'late',
      postInvocation(ctx) {
        try {
          (ctx as unknown as { respond(result: unknown): void }).respond('too late');
        } catch (error) {
          problem = error;
        }
      },
    }).configure();

    await runInvocation({ functionName: 'hello' });

    expect(String(problem)).toContain('Extension "late": respond() can only be called in preInvocation');
  });
});
