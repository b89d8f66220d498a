import { afterEach, describe, expect, it } from 'vitest';
import type { CoreInvocationContext, ProgrammingModel, RpcInvocationRequest } from '../app/coreApiTypes.js';
import { provideCoreModule } from './core/installCoreModule.js';
import type { LogRecord } from '../app/logging/LogRecord.js';
import { libraryForWorker } from '../test-support/libraryForWorker.js';
import { runInvocation } from './runInvocation.js';
import { WorkerApp, type RegisteredFunction } from './WorkerApp.js';

function httpRequest(registered: RegisteredFunction, url = 'http://localhost/api/probe'): RpcInvocationRequest {
  const triggerName = Object.keys(registered.metadata.bindings).find((name) => name !== '$return') ?? '';
  return {
    invocationId: `inv-${Math.random().toString(16).slice(2)}`,
    functionId: registered.id,
    inputData: [{ name: triggerName, data: { http: { method: 'GET', url, nullableHeaders: {}, nullableQuery: {}, nullableParams: {} } } }],
    triggerMetadata: {},
    traceContext: { traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', traceState: '', attributes: {} },
  };
}

/** Wraps the library's programming model to record `coreCtx.state` whenever the worker calls into it. */
function recordStates(worker: WorkerApp, seen: string[]): { current: () => CoreInvocationContext['state'] } {
  const real = worker.programmingModel;
  if (!real) throw new Error('the library set no programming model');
  let coreCtx: CoreInvocationContext | undefined;
  const recording: ProgrammingModel = {
    name: real.name,
    version: real.version,
    async getInvocationModel(ctx) {
      coreCtx = ctx;
      const inner = await real.getInvocationModel(ctx);
      return {
        getArguments: () => {
          seen.push(`getArguments:${String(ctx.state)}`);
          return inner.getArguments();
        },
        invokeFunction: (context, inputs, callback) => {
          seen.push(`invokeFunction:${String(ctx.state)}`);
          return inner.invokeFunction(context, inputs, callback);
        },
        getResponse: (context, result) => {
          seen.push(`getResponse:${String(ctx.state)}`);
          return inner.getResponse(context, result);
        },
      };
    },
  };
  worker.setProgrammingModel(recording);
  return { current: () => coreCtx?.state };
}

function setup(): { worker: WorkerApp; logs: LogRecord[]; app: ReturnType<typeof libraryForWorker>['app'] } {
  const logs: LogRecord[] = [];
  const worker = new WorkerApp('/app', (record) => logs.push(record));
  const { app } = libraryForWorker(worker);
  return { worker, logs, app };
}

function only(worker: WorkerApp): RegisteredFunction {
  const [registered] = worker.functions;
  if (!registered) throw new Error('no function registered');
  return registered;
}

afterEach(() => {
  provideCoreModule(undefined);
});

describe('runInvocation', () => {
  it('follows the worker sequence with the exact state values', async () => {
    const { worker, app } = setup();
    const seen: string[] = [];
    app.http('probe', {
      handler: () => {
        seen.push(`handler:${String(states.current())}`);
        return { body: 'ok' };
      },
    });
    const states = recordStates(worker, seen);
    app.hook.preInvocation(() => {
      seen.push(`pre:${String(states.current())}`);
    });
    app.hook.postInvocation(() => {
      seen.push(`post:${String(states.current())}`);
    });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed).toBe(false);
    expect(seen).toEqual([
      'getArguments:undefined',
      'pre:preInvocationHooks',
      'invokeFunction:invocation',
      'handler:invocation',
      'post:postInvocationHooks',
      'getResponse:undefined',
    ]);
  });

  it('runs every hook in registration order, post hooks not reversed, sharing one hookData per invocation', async () => {
    const { worker, app } = setup();
    const order: string[] = [];
    app.http('probe', { handler: () => ({ body: 'ok' }) });
    app.hook.preInvocation((context) => {
      order.push('pre1');
      context.hookData.fromPre1 = 'x';
    });
    app.hook.preInvocation(() => {
      order.push('pre2');
    });
    app.hook.postInvocation((context) => {
      order.push(`post1:${String(context.hookData.fromPre1)}`);
    });
    app.hook.postInvocation(() => {
      order.push('post2');
    });

    await runInvocation(worker, only(worker), httpRequest(only(worker)));
    await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(order).toEqual(['pre1', 'pre2', 'post1:x', 'post2', 'pre1', 'pre2', 'post1:x', 'post2']);
  });

  it('lets pre hooks replace the inputs and wrap the handler, which receives the context last', async () => {
    const { worker, app } = setup();
    app.http('probe', { handler: (request, context) => ({ body: `${request.url} for ${context.functionName}` }) });
    const { HttpRequest } = libraryForWorker(worker);
    app.hook.preInvocation((context) => {
      context.inputs = [new HttpRequest({ method: 'GET', url: 'http://localhost/replaced' })];
      const original = context.functionHandler;
      context.functionHandler = async (...args: unknown[]) => {
        const result = (await (original as (...inputs: unknown[]) => unknown)(...args)) as { body: string };
        return { body: `[${result.body}]` };
      };
    });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed).toBe(false);
    if (!outcome.failed) {
      const body = outcome.response.returnValue?.http?.body?.bytes;
      expect(Buffer.from(body ?? []).toString()).toBe('[http://localhost/replaced for probe]');
    }
  });

  it('converts the result after post hooks, so a post hook can still change the response', async () => {
    const { worker, app } = setup();
    app.http('probe', { handler: () => ({ status: 200, body: 'original' }) });
    app.hook.postInvocation((context) => {
      context.result = { status: 418, body: 'from post hook' };
    });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed).toBe(false);
    if (!outcome.failed) {
      expect(outcome.response.returnValue?.http?.statusCode).toBe('418');
    }
  });

  it('skips later pre hooks, the handler and every post hook when a pre hook throws', async () => {
    const { worker, app } = setup();
    const ran: string[] = [];
    app.http('probe', {
      handler: () => {
        ran.push('handler');
        return { body: 'ok' };
      },
    });
    app.hook.preInvocation(() => {
      throw new Error('refused');
    });
    app.hook.preInvocation(() => {
      ran.push('pre2');
    });
    app.hook.postInvocation(() => {
      ran.push('post');
    });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed).toBe(true);
    expect(outcome.failed && (outcome.error as Error).message).toBe('refused');
    expect(ran).toEqual([]);
  });

  it('fails the invocation when a post hook throws, even after the handler succeeded', async () => {
    const { worker, app } = setup();
    app.http('probe', { handler: () => ({ body: 'ok' }) });
    app.hook.postInvocation(() => {
      throw new Error('post failed');
    });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed && (outcome.error as Error).message).toBe('post failed');
  });

  it('treats a post hook error of null as handled and any other value, even 0 or false, as a failure', async () => {
    const { worker, app } = setup();
    app.http('probe', {
      handler: () => {
        throw new Error('handler failed');
      },
    });
    const replacements: unknown[] = [null, 0, false, undefined];
    let next: unknown;
    app.hook.postInvocation((context) => {
      expect((context.error as Error).message).toBe('handler failed');
      context.error = next;
      context.result = { body: 'handled' };
    });

    const failed: boolean[] = [];
    for (const replacement of replacements) {
      next = replacement;
      failed.push((await runInvocation(worker, only(worker), httpRequest(only(worker)))).failed);
    }

    expect(failed).toEqual([false, true, true, false]);
  });

  it('fails when the result cannot be converted to an HTTP response', async () => {
    const { worker, app } = setup();
    app.http('probe', { handler: () => 42 as never });

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed && (outcome.error as Error).message).toMatch(/HTTP response must be an object/);
  });

  it('routes logs written during the invocation through log hooks with the invocation context', async () => {
    const { worker, logs, app } = setup();
    app.http('probe', {
      handler: (_request, context) => {
        context.log('hello from', context.functionName);
        return { body: 'ok' };
      },
    });
    const seen: unknown[] = [];
    app.hook.log((context) => {
      if (context.category === 'user') {
        seen.push(context.invocationContext?.functionName);
        context.message = context.message.toUpperCase();
      }
    });

    const request = httpRequest(only(worker));
    await runInvocation(worker, only(worker), request);

    expect(seen).toEqual(['probe']);
    expect(logs).toContainEqual(
      expect.objectContaining({ category: 'user', message: 'HELLO FROM PROBE', functionName: 'probe', invocationId: request.invocationId }),
    );
  });

  it('fails with a clear error when no programming model is set', async () => {
    const worker = new WorkerApp('/app', () => undefined);
    worker.registerFunction({ name: 'orphan', bindings: { trigger: { type: 'httpTrigger', direction: 'in' } } }, () => undefined);

    const outcome = await runInvocation(worker, only(worker), httpRequest(only(worker)));

    expect(outcome.failed && (outcome.error as Error).message).toMatch(/No programming model/);
  });
});
