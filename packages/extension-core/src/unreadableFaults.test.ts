import { describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { ExtensionHookError } from './errors.js';
import { recorder, useFreshRegistry } from './test-support/recorder.js';
import { runInvocation, type InvocationOutcome } from './testing/runInvocation.js';

useFreshRegistry();

// Values that throw again when the SDK reads them to describe the fault. Describing a fault must never become a
// second fault: that one would escape the dispatcher and fail an invocation the extension promised to leave alone.
const unreadable = {
  'a value whose custom inspect throws': () => ({
    [Symbol.for('nodejs.util.inspect.custom')]: () => {
      throw new Error('not today');
    },
  }),
  'an Error whose stack getter throws': () => {
    const error = new Error('hidden');
    Object.defineProperty(error, 'stack', {
      get: () => {
        throw new Error('no stack for you');
      },
    });
    return error;
  },
  'a Proxy whose every trap throws': () =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        getPrototypeOf: () => {
          throw new Error('trap');
        },
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    ),
};

/** Throws any value, as JavaScript allows: the point of these tests. */
function throwValue(value: unknown): never {
  throw value;
}

function errorLines(outcome: InvocationOutcome): string[] {
  return outcome.logs.filter((log) => log.level === 'error').map((log) => log.message);
}

const phases = ['preInvocation', 'aroundHandler', 'onError', 'postInvocation'] as const;

describe.each(Object.entries(unreadable))('a hook that throws %s', (_kind, make) => {
  describe.each(phases)('in %s', (phase) => {
    const handlerFails = phase === 'onError';
    const handler = (): string => {
      if (handlerFails) throw new Error('handler failed');
      return 'ok';
    };
    const fault = (): never => throwValue(make());

    it('is logged, and the invocation and the other extensions go on as if it had thrown an Error', async () => {
      const { events, record } = recorder();
      defineExtension({
        name: 'outer',
        postInvocation: () => {
          record('outer:post');
        },
      }).configure();
      defineExtension({ name: 'faulty', [phase]: fault }).configure();

      const outcome = await runInvocation({ functionName: 'f', invocationId: 'inv', handler });

      expect(errorLines(outcome)).toEqual([expect.stringMatching(/^\[azfx\] Extension "faulty" failed in \w+ for function "f" \(invocation inv\): /)]);
      expect(events).toEqual(['outer:post']);
      expect(outcome.failed).toBe(handlerFails);
      if (!handlerFails) expect(outcome.result).toBe('ok');
    });

    it('with failInvocationOnError, fails the invocation with an error that is not null or undefined', async () => {
      defineExtension({ name: 'faulty', failInvocationOnError: true, [phase]: fault }).configure();

      const outcome = await runInvocation({ handler });

      expect(outcome.failed).toBe(true);
      expect(outcome.error).toBeDefined();
      expect(errorLines(outcome)).toHaveLength(1);
    });
  });
});

it('describes a value that cannot be read without reading it again', async () => {
  defineExtension({
    name: 'faulty',
    preInvocation: () => throwValue(unreadable['a value whose custom inspect throws']()),
  }).configure();

  const outcome = await runInvocation({ functionName: 'f', invocationId: 'inv' });

  expect(errorLines(outcome)).toEqual([
    '[azfx] Extension "faulty" failed in preInvocation for function "f" (invocation inv): ' +
      'threw a value that cannot be read (reading or inspecting it threw)',
  ]);
});

it('wraps an unreadable non-Error in an ExtensionHookError that keeps it as the cause', async () => {
  const thrown = unreadable['a value whose custom inspect throws']();
  defineExtension({
    name: 'strict',
    failInvocationOnError: true,
    postInvocation: () => throwValue(thrown),
  }).configure();

  const outcome = await runInvocation();

  expect(outcome.error).toBeInstanceOf(ExtensionHookError);
  expect(outcome.error).toMatchObject({ extension: 'strict', phase: 'postInvocation', cause: thrown });
});

it('treats a returned value whose `then` cannot be read as a hook that rejected', async () => {
  const { events, record } = recorder();
  defineExtension({
    name: 'outer',
    postInvocation: () => {
      record('outer:post');
    },
  }).configure();
  defineExtension({
    name: 'odd',
    // Typed as the promise it pretends to be: JavaScript callers are not held to the types.
    preInvocation: () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('no then');
          },
        },
      ) as Promise<void>,
  }).configure();

  const outcome = await runInvocation({ handler: () => 'ok' });

  expect(outcome).toMatchObject({ failed: false, result: 'ok' });
  expect(errorLines(outcome)).toEqual([expect.stringContaining('Extension "odd" failed in preInvocation')]);
  expect(events).toEqual(['outer:post']);
});
