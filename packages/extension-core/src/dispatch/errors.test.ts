import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { recorder, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation } from '../testing/runInvocation.js';

useFreshRegistry();

const boom = new Error('boom');
const failing = (): never => {
  throw boom;
};

describe('the error in the post phase', () => {
  it('is visible to onError and postInvocation, with failed = true', async () => {
    const seen: unknown[] = [];
    defineExtension({
      name: 'inspect',
      onError(ctx) {
        seen.push(['onError', ctx.error, ctx.failed]);
      },
      postInvocation(ctx) {
        seen.push(['post', ctx.error, ctx.failed, ctx.result]);
      },
    }).configure();

    const outcome = await runInvocation({ handler: failing });

    expect(seen).toEqual([
      ['onError', boom, true],
      ['post', boom, true, undefined],
    ]);
    expect(outcome.error).toBe(boom);
  });

  it('does not call onError when the invocation succeeded', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'quiet',
      onError() {
        record('onError');
      },
      postInvocation(ctx) {
        record(`post error=${String(ctx.error)} failed=${String(ctx.failed)}`);
      },
    }).configure();

    await runInvocation({ handler: () => 'fine' });

    expect(events).toEqual(['post error=undefined failed=false']);
  });

  it('can be replaced; outer extensions and the worker see the replacement', async () => {
    const replacement = new Error('friendlier');
    const outerSaw: unknown[] = [];
    defineExtension({
      name: 'outer',
      onError(ctx) {
        outerSaw.push(ctx.error);
      },
    }).configure();
    defineExtension({
      name: 'translate',
      onError(ctx) {
        ctx.error = replacement;
      },
    }).configure();

    const outcome = await runInvocation({ handler: failing });

    expect(outerSaw).toEqual([replacement]);
    expect(outcome.error).toBe(replacement);
  });

  it('can be recovered with a result: the invocation succeeds, outer onError hooks are not called', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'outer',
      onError() {
        record('outer:onError');
      },
      postInvocation(ctx) {
        record(`outer:post failed=${String(ctx.failed)} result=${String(ctx.result)}`);
      },
    }).configure();
    defineExtension({
      name: 'fallback',
      onError(ctx) {
        ctx.recover('fallback value');
      },
    }).configure();

    const outcome = await runInvocation({ handler: failing });

    expect(outcome).toMatchObject({ failed: false, error: undefined, result: 'fallback value' });
    expect(events).toEqual(['outer:post failed=false result=fallback value']);
  });

  it('can be recovered without touching the result, or cleared by assigning undefined', async () => {
    defineExtension({
      name: 'clear',
      postInvocation(ctx) {
        ctx.error = undefined;
      },
    }).configure();
    expect(await runInvocation({ handler: failing })).toMatchObject({ failed: false, result: undefined });

    defineExtension({
      name: 'recoverKeepsResult',
      postInvocation(ctx) {
        ctx.result = 'kept';
        ctx.recover();
      },
    }).configure();
    expect(await runInvocation({ handler: failing })).toMatchObject({ failed: false, result: 'kept' });
  });

  it('can be introduced by a post hook on a successful invocation, and onError of outer ones sees it', async () => {
    const outerSaw: unknown[] = [];
    const rejected = new Error('rejected by policy');
    defineExtension({
      name: 'outer',
      onError(ctx) {
        outerSaw.push(ctx.error);
      },
    }).configure();
    defineExtension({
      name: 'policy',
      postInvocation(ctx) {
        ctx.error = rejected;
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outerSaw).toEqual([rejected]);
    expect(outcome.error).toBe(rejected);
  });

  it('treats an error of null (the library spelling of "none") as no error', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'outer',
      onError() {
        record('outer:onError');
      },
      postInvocation(ctx) {
        record(`outer:post error=${String(ctx.error)} failed=${String(ctx.failed)}`);
      },
    }).configure();
    defineExtension({
      name: 'nullify',
      postInvocation(ctx) {
        ctx.error = null;
      },
    }).configure();

    const outcome = await runInvocation({ handler: failing });

    expect(outcome.failed).toBe(false);
    expect(events).toEqual(['outer:post error=undefined failed=false']);
  });

  it('lets a post hook replace the result of a successful invocation', async () => {
    defineExtension({
      name: 'upper',
      postInvocation(ctx) {
        ctx.result = String(ctx.result).toUpperCase();
      },
    }).configure();

    expect((await runInvocation({ handler: () => 'hello' })).result).toBe('HELLO');
  });
});

describe('inputs', () => {
  it('can be replaced or mutated before the handler runs, and are readable after it', async () => {
    const seenAfter: unknown[] = [];
    defineExtension({
      name: 'replace',
      preInvocation(ctx) {
        ctx.inputs = ['replaced'];
      },
      postInvocation(ctx) {
        seenAfter.push(...ctx.inputs);
      },
    }).configure();
    defineExtension({
      name: 'mutate',
      preInvocation(ctx) {
        ctx.inputs.push('appended');
      },
    }).configure();

    let received: unknown[] = [];
    await runInvocation({
      inputs: ['original'],
      handler: (...args: unknown[]) => {
        received = args;
      },
    });

    expect(received.slice(0, -1)).toEqual(['replaced', 'appended']);
    expect(seenAfter).toEqual(['replaced', 'appended']);
  });

  it('cannot be replaced after the handler ran', async () => {
    let problem: unknown;
    defineExtension({
      name: 'late',
      postInvocation(ctx) {
        try {
          (ctx as unknown as { inputs: unknown[] }).inputs = [];
        } catch (error) {
          problem = error;
        }
      },
    }).configure();

    await runInvocation();

    expect(String(problem)).toMatch(/inputs can only be replaced before the handler runs/);
  });
});
