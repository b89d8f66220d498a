import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { listExtensions } from '../listExtensions.js';
import { recorder, tick, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';
import type { Scope } from '../scope.js';
import type { ExtensionOrder } from '../types.js';

useFreshRegistry();

function tracing(name: string, record: (event: string) => void, style: 'sync' | 'async', scope: Scope = 'app') {
  const pause = style === 'async' ? tick : () => undefined;
  return defineExtension({
    name,
    scope,
    async preInvocation() {
      await pause();
      record(`${name}:pre`);
    },
    async aroundHandler(_ctx, next) {
      record(`${name}:around-in`);
      const result = await next();
      record(`${name}:around-out`);
      return result;
    },
    async onError() {
      await pause();
      record(`${name}:onError`);
    },
    async postInvocation() {
      await pause();
      record(`${name}:post`);
    },
  });
}

describe('the onion', () => {
  it('runs pre hooks in registration order with app scope first, wrappers nested, post in exact reverse', async () => {
    const { events, record } = recorder();
    tracing('fn', record, 'sync', { functions: 'HttpTrigger' }).configure();
    tracing('a', record, 'sync').configure();
    tracing('b', record, 'async').configure();
    tracing('c', record, 'sync').configure();

    const outcome = await runInvocation({
      functionName: 'HttpTrigger',
      handler: () => {
        record('handler');
        return 'ok';
      },
    });

    expect(outcome.result).toBe('ok');
    expect(events).toEqual([
      'a:pre',
      'b:pre',
      'c:pre',
      'fn:pre',
      'a:around-in',
      'b:around-in',
      'c:around-in',
      'fn:around-in',
      'handler',
      'fn:around-out',
      'c:around-out',
      'b:around-out',
      'a:around-out',
      'fn:post',
      'c:post',
      'b:post',
      'a:post',
    ]);
  });

  it('runs onError then postInvocation per extension, in reverse, when the handler fails', async () => {
    const { events, record } = recorder();
    tracing('a', record, 'async').configure();
    tracing('b', record, 'sync').configure();

    const failure = new Error('boom');
    const outcome = await runInvocation({
      handler: () => {
        throw failure;
      },
    });

    expect(outcome.error).toBe(failure);
    expect(events).toEqual([
      'a:pre',
      'b:pre',
      'a:around-in',
      'b:around-in',
      'b:onError',
      'b:post',
      'a:onError',
      'a:post',
    ]);
  });

  it('keeps registration order (of the first configure) when an extension is configured again', async () => {
    const { events, record } = recorder();
    const a = tracing('a', record, 'sync');
    a.configure();
    tracing('b', record, 'sync').configure();
    a.configure();

    await runInvocation();

    expect(events.filter((event) => event.endsWith(':pre'))).toEqual(['a:pre', 'b:pre']);
  });

  it('mixes sync and async hooks freely, each awaited before the next one starts', async () => {
    const { events, record } = recorder();
    for (const [index, style] of (['sync', 'async', 'sync', 'async', 'async'] as const).entries()) {
      tracing(`e${index}`, record, style).configure();
    }

    await runInvocation();

    const pre = events.filter((event) => event.endsWith(':pre'));
    const post = events.filter((event) => event.endsWith(':post'));
    expect(pre).toEqual(['e0:pre', 'e1:pre', 'e2:pre', 'e3:pre', 'e4:pre']);
    expect(post).toEqual(['e4:post', 'e3:post', 'e2:post', 'e1:post', 'e0:post']);
  });

  it('returns synchronously from the native hooks when every hook is synchronous', async () => {
    const { record } = recorder();
    defineExtension({
      name: 'plain',
      preInvocation() {
        record('pre');
      },
      postInvocation() {
        record('post');
      },
    }).configure();
    const { nativeHooks } = await import('../nativeHooks.js');
    const { InvocationContext, PreInvocationContext, PostInvocationContext } = await import('@azure/functions');
    const hookData = {};
    const invocationContext = new InvocationContext({ functionName: 'f' });

    expect(nativeHooks.preInvocation(new PreInvocationContext({ hookData, invocationContext }))).toBeUndefined();
    expect(nativeHooks.postInvocation(new PostInvocationContext({ hookData, invocationContext }))).toBeUndefined();
  });
});

describe('an explicit place in the onion (order)', () => {
  const named = (name: string, record: (event: string) => void, order?: ExtensionOrder) =>
    defineExtension({
      name,
      ...(order === undefined ? {} : { order }),
      preInvocation() {
        record(`${name}:pre`);
      },
      postInvocation() {
        record(`${name}:post`);
      },
    });

  it("puts 'first' outermost and 'last' innermost, whatever the registration order", async () => {
    const { events, record } = recorder();
    named('inner', record, 'last').configure();
    named('middle', record).configure();
    named('outer', record, 'first').configure();

    await runInvocation();

    expect(events).toEqual(['outer:pre', 'middle:pre', 'inner:pre', 'inner:post', 'middle:post', 'outer:post']);
    expect(listExtensions().map(({ name, order }) => `${String(order)}:${name}`)).toEqual(['0:outer', '1:middle', '2:inner']);
  });

  it('places an extension before or after another by name, and leaves it in place when the name is not registered', async () => {
    const { events, record } = recorder();
    named('a', record).configure();
    named('b', record).configure();
    named('c', record, { before: 'A' }).configure();
    named('d', record, { after: 'a' }).configure();
    named('e', record, { after: 'nobody' }).configure();

    await runInvocation();

    expect(events.filter((event) => event.endsWith(':pre'))).toEqual(['c:pre', 'a:pre', 'd:pre', 'b:pre', 'e:pre']);
  });

  it('refuses an order it cannot follow, at definition', () => {
    expect(() => defineExtension({ name: 'x', order: 'middle' as never })).toThrow(
      `Extension "x": "order" must be 'first', 'last', { before: 'name' } or { after: 'name' }, but got "middle" (string).`,
    );
    expect(() => defineExtension({ name: 'x', order: { before: 'x' } })).toThrow(`"order" names the extension itself`);
    expect(() => defineExtension({ name: 'x', order: { before: 'a', after: 'b' } })).toThrow('"order" must be');
  });
});
