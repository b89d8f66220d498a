import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { ExtensionHookError } from './errors.js';
import { listExtensions } from './listExtensions.js';
import { nativeHooks } from './nativeHooks.js';
import { recorder, tick, useFreshRegistry } from './test-support/recorder.js';
import { runInvocation, type InvocationOutcome } from './testing/runInvocation.js';

useFreshRegistry();

const TIMEOUT_MS = 20;

/** Every way an extension's own hook can fail, and how the log line describes it. */
const faultKinds = {
  throws: { fault: (): never => fail(new Error('kaput')), logged: /Error: kaput\n\s+at /, errorName: 'Error' },
  rejects: {
    fault: async (): Promise<never> => {
      await tick();
      return fail(new Error('kaput'));
    },
    logged: /Error: kaput\n\s+at /,
    errorName: 'Error',
  },
  'throws a non-Error': { fault: (): never => fail('kaput'), logged: /threw a non-Error value: 'kaput'$/, errorName: 'ExtensionHookError' },
  'throws undefined': { fault: (): never => fail(undefined), logged: /threw a non-Error value: undefined$/, errorName: 'ExtensionHookError' },
  'exceeds hookTimeoutMs': {
    fault: (): Promise<never> => new Promise<never>(() => undefined),
    logged: new RegExp(`timed out after ${TIMEOUT_MS} ms; the hook was abandoned$`),
    errorName: 'ExtensionHookError',
  },
} as const;

function fail(value: unknown): never {
  throw value;
}

type InvocationPhase = 'preInvocation' | 'postInvocation' | 'onError';
const phases: InvocationPhase[] = ['preInvocation', 'postInvocation', 'onError'];

/** outer -> faulty -> inner, each recording what ran; only `faulty` misbehaves, in one phase. */
function configureSandwich(phase: InvocationPhase, fault: () => unknown, failInvocationOnError: boolean) {
  const { events, record } = recorder();
  const observe = (name: string) =>
    defineExtension({
      name,
      preInvocation() {
        record(`${name}:pre`);
      },
      onError(ctx) {
        record(`${name}:onError ${String(ctx.error instanceof Error ? ctx.error.message : ctx.error)}`);
      },
      postInvocation() {
        record(`${name}:post`);
      },
    });
  observe('outer').configure();
  defineExtension({ name: 'faulty', failInvocationOnError, hookTimeoutMs: TIMEOUT_MS, [phase]: fault }).configure();
  observe('inner').configure();
  return events;
}

function errorLines(outcome: InvocationOutcome): string[] {
  return outcome.logs.filter((log) => log.level === 'error').map((log) => log.message);
}

describe.each(Object.entries(faultKinds))('a hook that %s', (_kind, { fault, logged, errorName }) => {
  describe.each(phases)('in %s', (phase) => {
    const handlerFails = phase === 'onError';
    const handlerError = new Error('handler failed');
    const handler = (): string => {
      if (handlerFails) throw handlerError;
      return 'ok';
    };

    it('is logged with extension, phase, function and invocation id, and changes nothing else', async () => {
      const events = configureSandwich(phase, fault, false);

      const outcome = await runInvocation({ functionName: 'HttpTrigger', invocationId: 'inv-1', handler });

      const [line, ...more] = errorLines(outcome);
      expect(more).toEqual([]);
      expect(line).toMatch(`[azfx] Extension "faulty" failed in ${phase} for function "HttpTrigger" (invocation inv-1): `);
      expect(line).toMatch(logged);
      expect(outcome.handlerCalled).toBe(true);
      if (handlerFails) {
        expect(outcome.error).toBe(handlerError);
        expect(events).toEqual([
          'outer:pre',
          'inner:pre',
          'inner:onError handler failed',
          'inner:post',
          'outer:onError handler failed',
          'outer:post',
        ]);
      } else {
        expect(outcome).toMatchObject({ failed: false, result: 'ok' });
        expect(events).toEqual(['outer:pre', 'inner:pre', 'inner:post', 'outer:post']);
      }
    });

    it('with failInvocationOnError, fails the invocation and outer extensions see the error', async () => {
      const events = configureSandwich(phase, fault, true);

      const outcome = await runInvocation({ functionName: 'HttpTrigger', handler });

      expect(errorLines(outcome)).toHaveLength(1);
      expect(outcome.failed).toBe(true);
      expect((outcome.error as Error).name).toBe(errorName);
      if (outcome.error instanceof ExtensionHookError) {
        expect(outcome.error).toMatchObject({ extension: 'faulty', phase });
      }
      const seenByOuter = `outer:onError ${(outcome.error as Error).message}`;
      if (phase === 'preInvocation') {
        // Later pre hooks and the handler are skipped; only the extensions that entered run their post phase.
        expect(outcome.handlerCalled).toBe(false);
        expect(events).toEqual(['outer:pre', seenByOuter, 'outer:post']);
      } else if (phase === 'postInvocation') {
        expect(events).toEqual(['outer:pre', 'inner:pre', 'inner:post', seenByOuter, 'outer:post']);
      } else {
        expect(events).toEqual([
          'outer:pre',
          'inner:pre',
          'inner:onError handler failed',
          'inner:post',
          seenByOuter,
          'outer:post',
        ]);
      }
    });
  });
});

describe('faults in aroundHandler', () => {
  const kinds = {
    throws: (): never => fail(new Error('wrapper broke')),
    rejects: async (): Promise<never> => {
      await tick();
      return fail(new Error('wrapper broke'));
    },
    'throws a non-Error': (): never => fail(42),
  };

  it.each(Object.entries(kinds))('a wrapper that %s before next() is logged; the handler still runs', async (_kind, fault) => {
    defineExtension({ name: 'wrapper', aroundHandler: fault }).configure();

    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outcome).toMatchObject({ handlerCalled: true, failed: false, result: 'ok' });
    expect(errorLines(outcome)).toEqual([expect.stringContaining('Extension "wrapper" failed in aroundHandler')]);
  });

  it('a wrapper that throws after next() keeps the handler result', async () => {
    defineExtension({
      name: 'wrapper',
      async aroundHandler(_ctx, next) {
        await next();
        throw new Error('after');
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outcome).toMatchObject({ failed: false, result: 'ok' });
    expect(errorLines(outcome)).toHaveLength(1);
  });

  it('a wrapper that passes the handler error on is not blamed for it', async () => {
    const handlerError = new Error('handler failed');
    defineExtension({
      name: 'wrapper',
      async aroundHandler(_ctx, next) {
        return await next();
      },
    }).configure();

    const outcome = await runInvocation({
      handler: () => {
        throw handlerError;
      },
    });

    expect(outcome.error).toBe(handlerError);
    expect(errorLines(outcome)).toEqual([]);
  });

  it('with failInvocationOnError, a wrapper fault fails the invocation', async () => {
    defineExtension({ name: 'wrapper', failInvocationOnError: true, aroundHandler: kinds['throws a non-Error'] }).configure();

    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outcome.handlerCalled).toBe(false);
    expect(outcome.error).toBeInstanceOf(ExtensionHookError);
    expect(outcome.error).toMatchObject({ extension: 'wrapper', phase: 'aroundHandler', cause: 42 });
  });
});

describe('faults with failInvocationOnError in the pre phase', () => {
  it('can be recovered by an outer extension', async () => {
    defineExtension({
      name: 'outer',
      onError(ctx) {
        ctx.recover('served stale');
      },
    }).configure();
    defineExtension({
      name: 'strict',
      failInvocationOnError: true,
      preInvocation() {
        throw new Error('no token');
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'fresh' });

    expect(outcome).toMatchObject({ failed: false, result: 'served stale', handlerCalled: false });
  });

  it('never makes the native pre hook throw (the worker would skip every post hook)', async () => {
    defineExtension({
      name: 'strict',
      failInvocationOnError: true,
      preInvocation() {
        throw new Error('no token');
      },
    }).configure();
    const { InvocationContext, PreInvocationContext } = await import('@azure/functions');
    const logHandler = vi.fn();
    const pre = new PreInvocationContext({ invocationContext: new InvocationContext({ functionName: 'f', logHandler }) });

    expect(() => nativeHooks.preInvocation(pre)).not.toThrow();
    expect(() => {
      pre.functionHandler(undefined, new InvocationContext());
    }).toThrow('no token');
    expect(logHandler).toHaveBeenCalledWith('error', expect.stringContaining('Extension "strict" failed in preInvocation'));
  });
});

describe('a timed-out hook', () => {
  it('is abandoned: its late rejection is ignored and the next extension is not kept waiting', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'outer',
      postInvocation() {
        record('outer:post');
      },
    }).configure();
    defineExtension({
      name: 'slow',
      hookTimeoutMs: TIMEOUT_MS,
      async postInvocation() {
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
        record('slow:finished late');
        throw new Error('late rejection');
      },
    }).configure();

    const outcome = await runInvocation();
    record('invocation done');
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));

    expect(events).toEqual(['outer:post', 'invocation done', 'slow:finished late']);
    expect(errorLines(outcome)).toEqual([expect.stringContaining('timed out after 20 ms')]);
  });

  it('does not apply to hooks that finish in time', async () => {
    defineExtension({
      name: 'prompt',
      hookTimeoutMs: 1000,
      async preInvocation(ctx) {
        await tick();
        ctx.inputs = ['ready'];
      },
    }).configure();

    const outcome = await runInvocation();

    expect(outcome.inputs).toEqual(['ready']);
    expect(errorLines(outcome)).toEqual([]);
  });
});

describe('faults outside the hooks', () => {
  it('a throwing state() factory is a pre-phase fault: logged, extension skipped', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'stateful',
      state: (): { n: number } => fail(new Error('no state')),
      postInvocation() {
        record('stateful:post');
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outcome.result).toBe('ok');
    expect(events).toEqual([]);
    expect(errorLines(outcome)).toEqual([expect.stringContaining('Extension "stateful" failed in state for function')]);
  });

  it('a throwing scope predicate is logged and skips the extension; it is asked again next time', async () => {
    let calls = 0;
    defineExtension({
      name: 'picky',
      scope: {
        when: () => {
          calls++;
          throw new Error('cannot decide');
        },
      },
      preInvocation() {
        throw new Error('must not run');
      },
    }).configure();

    const first = await runInvocation({ functionName: 'f' });
    const second = await runInvocation({ functionName: 'f' });

    expect(calls).toBe(2);
    expect(errorLines(first)).toEqual([expect.stringMatching(/Extension "picky" failed in scope for function "f".*cannot decide/s)]);
    expect(errorLines(second)).toHaveLength(1);
  });
});

describe('faults in app phases', () => {
  let consoleError: MockInstance<typeof console.error>;
  let consoleInfo: MockInstance<typeof console.info>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    consoleError.mockRestore();
    consoleInfo.mockRestore();
  });

  it.each(Object.entries(faultKinds))('an init that %s is logged; configure() still succeeds', async (_kind, { fault, logged }) => {
    const extension = defineExtension({ name: 'starter', hookTimeoutMs: TIMEOUT_MS, init: fault });

    expect(() => extension.configure()).not.toThrow();
    await nativeHooks.appStart();

    expect(extension.isConfigured).toBe(true);
    const lines = consoleError.mock.calls.map((call) => String(call[0]));
    expect(lines).toEqual([expect.stringMatching(/^\[azfx\] Extension "starter" failed in init: /)]);
    expect(lines[0]).toMatch(logged);
  });

  it.each(Object.entries(faultKinds))('an extension whose init %s is left out of every phase, and start-up says so', async (_kind, { fault }) => {
    const { events, record } = recorder();
    defineExtension({
      name: 'starter',
      hookTimeoutMs: TIMEOUT_MS,
      init: fault,
      appStart: () => {
        record('starter:appStart');
      },
      preInvocation: () => {
        record('starter:pre');
      },
    }).configure();
    defineExtension({
      name: 'healthy',
      preInvocation: () => {
        record('healthy:pre');
      },
    }).configure();

    await nativeHooks.appStart();
    const outcome = await runInvocation({ handler: () => 'ok' });

    expect(outcome.result).toBe('ok');
    expect(events).toEqual(['healthy:pre']);
    expect(consoleInfo).toHaveBeenCalledWith('[azfx] Extensions: starter (app), healthy (app); disabled: starter (init failed)');
    expect(listExtensions().map(({ name, disabled }) => ({ name, disabled }))).toEqual([
      { name: 'starter', disabled: true },
      { name: 'healthy', disabled: false },
    ]);
  });

  it.each(['appStart', 'appTerminate'] as const)('a failing %s is logged and the other extensions still run theirs', async (phase) => {
    const { events, record } = recorder();
    defineExtension({
      name: 'first',
      [phase]: () => {
        record('first');
      },
    }).configure();
    defineExtension({ name: 'broken', [phase]: () => fail(new Error('down')) }).configure();
    defineExtension({
      name: 'last',
      [phase]: async () => {
        await tick();
        record('last');
      },
    }).configure();

    await expect(nativeHooks[phase]()).resolves.toBeUndefined();

    expect(events.sort()).toEqual(['first', 'last']);
    expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(`Extension "broken" failed in ${phase}: Error: down`));
  });
});
