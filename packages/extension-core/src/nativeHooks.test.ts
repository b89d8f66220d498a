import azureFunctions from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { listExtensions } from './listExtensions.js';
import { FakeCoreApi } from './test-support/fakeCoreApi.js';
import { recorder, useFreshRegistry } from './test-support/recorder.js';
import { resetExtensions } from './testing/resetExtensions.js';

// What extension-core registers with the worker, and the dispatcher fed the worker's own plain hook contexts (the
// production path). The library-context path is what `nativeHooks` and runInvocationVia('libraryContexts') use.

useFreshRegistry();
let core: FakeCoreApi | undefined;
afterEach(() => {
  // Extensions configured under the fake belong to its app: reset them there, then stop serving it.
  if (core !== undefined) resetExtensions();
  core?.remove();
  core = undefined;
});

const { InvocationContext } = azureFunctions;
const httpContext = (): InstanceType<typeof InvocationContext> =>
  new InvocationContext({ functionName: 'hello', invocationId: 'id-1', options: { trigger: { type: 'httpTrigger', name: 'req' } } });

describe('the native hooks on the worker core API', () => {
  it('are one pre, one post and one appStart hook however many extensions there are; appTerminate once needed', () => {
    core = new FakeCoreApi().install();
    for (let i = 0; i < 5; i++) defineExtension({ name: `e${i}`, preInvocation: () => undefined }).configure();
    expect(core.counts).toEqual({ preInvocation: 1, postInvocation: 1, appStart: 1, appTerminate: 0, log: 0 });

    defineExtension({ name: 'closer', appTerminate: () => undefined }).configure();
    defineExtension({ name: 'closer2', appTerminate: () => undefined }).configure();
    expect(core.counts.appTerminate).toBe(1);

    resetExtensions();
    expect(core.counts).toEqual({ preInvocation: 0, postInvocation: 0, appStart: 0, appTerminate: 0, log: 0 });
  });

  it('are not registered without a core API, and the extensions then belong to the app without a worker', () => {
    defineExtension({ name: 'detached', preInvocation: () => undefined }).configure();
    core = new FakeCoreApi().install();
    expect(core.counts.preInvocation).toBe(0);
    // The worker's app is another app: it has none of the extensions configured before it existed.
    expect(listExtensions()).toEqual([]);
    core.remove();
    expect(listExtensions().map((info) => info.name)).toEqual(['detached']);
    core = undefined;
  });

  it('dispatch the onion over the worker contexts: inputs, wrapped handler, result and error write through', async () => {
    core = new FakeCoreApi().install();
    const { events, record } = recorder();
    defineExtension({
      name: 'outer',
      preInvocation(ctx) {
        record(`outer:pre ${String(ctx.inputs[0])}`);
        ctx.inputs = ['replaced'];
      },
      postInvocation(ctx) {
        record(`outer:post ${String(ctx.result)} failed=${String(ctx.failed)}`);
        ctx.result = `${String(ctx.result)}!`;
      },
    }).configure();
    defineExtension({
      name: 'inner',
      async aroundHandler(_ctx, next) {
        record('inner:around');
        return `wrapped(${String(await next())})`;
      },
      onError(ctx) {
        record('inner:onError');
        ctx.recover('recovered');
      },
    }).configure();

    const ok = await core.invoke(httpContext(), ['original'], (input) => `handled ${String(input)}`);
    expect(ok).toEqual({ result: 'wrapped(handled replaced)!', error: undefined, inputs: ['replaced'] });

    const failed = await core.invoke(httpContext(), ['original'], () => {
      throw new Error('boom');
    });
    expect(failed.result).toBe('recovered!');
    expect(failed.error).toBeUndefined();
    expect(events).toEqual([
      'outer:pre original',
      'inner:around',
      'outer:post wrapped(handled replaced) failed=false',
      'outer:pre original',
      'inner:around',
      'inner:onError',
      'outer:post recovered failed=false',
    ]);
  });

  it('answer a short-circuit through the handler slot the worker reads back', async () => {
    core = new FakeCoreApi().install();
    defineExtension({
      name: 'auth',
      preInvocation(ctx) {
        ctx.respond({ status: 401 });
      },
    }).configure();
    let handlerRan = false;
    const outcome = await core.invoke(httpContext(), [], () => {
      handlerRan = true;
    });
    expect(outcome.result).toEqual({ status: 401 });
    expect(handlerRan).toBe(false);
  });
});
