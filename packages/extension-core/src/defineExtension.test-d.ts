import type { InvocationContext } from '@azure/functions';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ErrorContext,
  Extension,
  HandlerContext,
  Logger,
  NextHandler,
  OptionsInput,
  PostInvocationHookContext,
  PreInvocationHookContext,
} from './index.js';
import { defineExtension, option } from './index.js';

const timer = defineExtension({
  name: 'timer',
  options: {
    appendToHttpResponse: option.boolean({ default: false }),
    slowThresholdMs: option.number({ min: 0 }),
    serverTimingName: option.string({ default: 'total', pattern: /^[\w-]+$/ }),
    include: option.stringList(),
    mode: option.oneOf(['a', 'b'] as const, { default: 'a' }),
    level: option.oneOf([1, 2]),
    custom: option.custom<(name: string) => boolean>({ expected: 'a function', check: (v) => typeof v === 'function' }),
  },
  state: () => ({ start: 0n }),
  appState: () => ({ invocations: 0 }),
  preInvocation(ctx) {
    expectTypeOf(ctx.state).toEqualTypeOf<{ start: bigint }>();
    expectTypeOf(ctx.appState).toEqualTypeOf<{ invocations: number }>();
    expectTypeOf(ctx.options.appendToHttpResponse).toEqualTypeOf<boolean>();
    expectTypeOf(ctx.options.slowThresholdMs).toEqualTypeOf<number | undefined>();
    expectTypeOf(ctx.options.serverTimingName).toEqualTypeOf<string>();
    expectTypeOf(ctx.options.include).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(ctx.options.mode).toEqualTypeOf<'a' | 'b'>();
    expectTypeOf(ctx.options.level).toEqualTypeOf<1 | 2 | undefined>();
    expectTypeOf(ctx.options.custom).toEqualTypeOf<((name: string) => boolean) | undefined>();
    expectTypeOf(ctx.inputs).toEqualTypeOf<unknown[]>();
    expectTypeOf(ctx.invocationContext).toEqualTypeOf<InvocationContext>();
    expectTypeOf(ctx.logger).toEqualTypeOf<Logger>();
    expectTypeOf(ctx).toHaveProperty('respond').toEqualTypeOf<(result: unknown) => void>();
  },
  aroundHandler(ctx, next) {
    expectTypeOf(ctx.state.start).toEqualTypeOf<bigint>();
    expectTypeOf(next).toEqualTypeOf<NextHandler>();
    return next();
  },
  postInvocation(ctx) {
    expectTypeOf(ctx.state.start).toEqualTypeOf<bigint>();
    expectTypeOf(ctx.inputs).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(ctx.failed).toEqualTypeOf<boolean>();
    expectTypeOf(ctx.shortCircuited).toEqualTypeOf<boolean>();
    // respond() belongs to the pre phase.
    expectTypeOf(ctx).not.toHaveProperty('respond');
  },
  onError(ctx) {
    expectTypeOf(ctx.error).toEqualTypeOf<unknown>();
    ctx.recover();
    ctx.recover('value');
  },
  init(ctx) {
    expectTypeOf(ctx.appState.invocations).toEqualTypeOf<number>();
    // No per-invocation state outside an invocation.
    expectTypeOf(ctx).not.toHaveProperty('state');
  },
});

describe('defineExtension types', () => {
  it('infers the resolved options on the handle', () => {
    expectTypeOf(timer.options).toEqualTypeOf<
      Readonly<{
        appendToHttpResponse: boolean;
        slowThresholdMs: number | undefined;
        serverTimingName: string;
        include: string[] | undefined;
        mode: 'a' | 'b';
        level: 1 | 2 | undefined;
        custom: ((name: string) => boolean) | undefined;
      }>
    >();
    expectTypeOf(timer).toExtend<Extension<typeof timer.options, { start: bigint }, { invocations: number }>>();
  });

  it('makes every option optional in configure(), a list option also taking one string', () => {
    timer.configure();
    timer.configure({});
    timer.configure({ appendToHttpResponse: true, include: 'HttpTrigger', mode: undefined });
    timer.configure({ include: ['a', 'b'] }, { scope: { functions: 'HttpTrigger', when: (fn) => fn.triggerType !== '' } });
    // @ts-expect-error wrong type
    timer.configure({ appendToHttpResponse: 'yes' });
    // @ts-expect-error unknown option
    timer.configure({ appendToHttpRespons: true });
    // @ts-expect-error not one of the values
    timer.configure({ mode: 'c' });
    // @ts-expect-error not a scope
    timer.configure({}, { scope: 'everywhere' });
    expectTypeOf<OptionsInput<{ a: boolean; list: string[] | undefined }>>().toEqualTypeOf<{
      a?: boolean | undefined;
      list?: string | readonly string[] | undefined;
    }>();
  });

  it('gives state undefined, and no options, when the definition has none', () => {
    const bare = defineExtension({
      name: 'bare',
      preInvocation(ctx) {
        expectTypeOf(ctx.state).toEqualTypeOf<undefined>();
        expectTypeOf(ctx.appState).toEqualTypeOf<undefined>();
      },
    });
    bare.configure();
    // @ts-expect-error no options to give
    bare.configure({ anything: 1 });
  });

  it('lets state be a primitive that hooks replace', () => {
    defineExtension({
      name: 'counter',
      state: () => 0,
      preInvocation(ctx) {
        expectTypeOf(ctx.state).toEqualTypeOf<number>();
        ctx.state += 1;
      },
    });
  });

  it('exports the context types for hooks written apart from the definition', () => {
    interface O {
      verbose: boolean;
    }
    interface S {
      n: number;
    }
    expectTypeOf<ErrorContext<O, S>>().toEqualTypeOf<PostInvocationHookContext<O, S>>();
    expectTypeOf<HandlerContext<O, S>['inputs']>().toEqualTypeOf<unknown[]>();
    expectTypeOf<PreInvocationHookContext<O, S>['options']>().toEqualTypeOf<Readonly<O>>();
  });

  it('accepts sync and async hooks', () => {
    defineExtension({
      name: 'mixed',
      preInvocation() {
        return undefined;
      },
      async postInvocation() {
        await Promise.resolve();
      },
    });
  });

  it('types validateOptions with the resolved options', () => {
    defineExtension({
      name: 'ranged',
      options: { min: option.number({ default: 0 }), max: option.number() },
      validateOptions(options) {
        expectTypeOf(options.min).toEqualTypeOf<number>();
        expectTypeOf(options.max).toEqualTypeOf<number | undefined>();
        return options.max !== undefined && options.max < options.min ? 'max must not be below min.' : undefined;
      },
    });
  });
});
