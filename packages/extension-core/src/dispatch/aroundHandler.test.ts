import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { recorder, tick, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';

useFreshRegistry();

describe('aroundHandler', () => {
  it('runs the handler inside the async context the wrapper enters (AsyncLocalStorage)', async () => {
    const trace = new AsyncLocalStorage<string>();
    defineExtension({
      name: 'tracing',
      state: () => ({ span: '' }),
      preInvocation(ctx) {
        ctx.state.span = `span-${ctx.invocationId}`;
      },
      aroundHandler(ctx, next) {
        return trace.run(ctx.state.span, next);
      },
    }).configure();

    const outcome = await runInvocation({
      invocationId: 'abc',
      handler: async () => {
        await tick();
        return trace.getStore();
      },
    });

    expect(outcome.result).toBe('span-abc');
  });

  it('sees the handler inputs and may replace them before calling next()', async () => {
    let received: unknown[] = [];
    defineExtension({
      name: 'rewrite',
      aroundHandler(ctx, next) {
        ctx.inputs = [...ctx.inputs, 'added by wrapper'];
        return next();
      },
    }).configure();

    await runInvocation({
      inputs: ['trigger'],
      handler: (...args: unknown[]) => {
        received = args;
      },
    });

    expect(received.slice(0, -1)).toEqual(['trigger', 'added by wrapper']);
  });

  it('passes the invocation context as the handler last argument, as the library does', async () => {
    let last: unknown;
    defineExtension({ name: 'wrap', aroundHandler: (_ctx, next) => next() }).configure();

    const outcome = await runInvocation({
      inputs: ['a', 'b'],
      handler: (...args: unknown[]) => {
        last = args.at(-1);
      },
    });

    expect(last).toBe(outcome.invocationContext);
  });

  it('may change the result it returns, or answer without calling next()', async () => {
    defineExtension({
      name: 'outer',
      async aroundHandler(_ctx, next) {
        return `<${String(await next())}>`;
      },
    }).configure();
    defineExtension({ name: 'inner', aroundHandler: () => 'from wrapper' }).configure();

    const outcome = await runInvocation({ handler: () => 'from handler' });

    expect(outcome).toMatchObject({ result: '<from wrapper>', handlerCalled: false });
  });

  it('shows the post phase the inputs the handler received, not the ones the pre phase left', async () => {
    const seen: unknown[] = [];
    defineExtension({
      name: 'observer',
      preInvocation(ctx) {
        ctx.inputs = ['from pre'];
      },
      onError(ctx) {
        seen.push(['onError', ...ctx.inputs]);
      },
      postInvocation(ctx) {
        seen.push(['post', ...ctx.inputs]);
      },
    }).configure();
    defineExtension({
      name: 'rewrite',
      async aroundHandler(ctx, next) {
        ctx.inputs = ['from wrapper'];
        try {
          return await next();
        } finally {
          // Too late to reach the handler: the post phase must not report it as received.
          ctx.inputs = ['after next()'];
        }
      },
    }).configure();
    let received: unknown;

    await runInvocation({
      handler: (input: unknown) => {
        received = input;
        throw new Error('handler boom');
      },
    });

    expect(received).toBe('from wrapper');
    expect(seen).toEqual([
      ['onError', 'from wrapper'],
      ['post', 'from wrapper'],
    ]);
  });

  it('runs the handler once even when next() is called twice', async () => {
    let calls = 0;
    defineExtension({
      name: 'retry',
      async aroundHandler(_ctx, next) {
        await next();
        return next();
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => ++calls });

    expect(outcome.result).toBe(1);
    expect(calls).toBe(1);
  });

  it('shares the state with the extension other hooks of the same invocation', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'counter',
      state: () => ({ steps: [] as string[] }),
      preInvocation(ctx) {
        ctx.state.steps.push('pre');
      },
      aroundHandler(ctx, next) {
        ctx.state.steps.push('around');
        return next();
      },
      postInvocation(ctx) {
        ctx.state.steps.push('post');
        record(ctx.state.steps.join(','));
      },
    }).configure();

    await runInvocation();

    expect(events).toEqual(['pre,around,post']);
  });

  it('leaves the handler untouched when no extension of the function wraps it', async () => {
    const handler = (): string => 'plain';
    defineExtension({ name: 'wrapsOthers', scope: { functions: 'other' }, aroundHandler: (_ctx, next) => next() }).configure();
    defineExtension({ name: 'observer', postInvocation: () => undefined }).configure();
    const { InvocationContext, PreInvocationContext } = await import('@azure/functions');
    const { nativeHooks } = await import('../nativeHooks.js');
    const pre = new PreInvocationContext({
      invocationContext: new InvocationContext({ functionName: 'mine' }),
      functionCallback: handler,
    });

    await nativeHooks.preInvocation(pre);

    expect(pre.functionHandler).toBe(handler);
  });
});
