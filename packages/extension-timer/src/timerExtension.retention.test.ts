import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HttpRequest, InvocationContext, PreInvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nativeHooks, resetExtensions, runInvocation } from '@azfx/extension-core/testing';
import { TimerExtension } from './timerExtension.js';

// "Nothing kept after an invocation" is a claim about reachability, so it is tested with the garbage collector:
// once the host lets go of an invocation, everything of it must be collectable, whichever way it ended.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function isCollected(track: (registry: FinalizationRegistry<string>) => void): Promise<boolean> {
  const seen = { collected: false };
  const registry = new FinalizationRegistry<string>(() => {
    seen.collected = true;
  });
  track(registry);
  for (let attempt = 0; attempt < 50 && !seen.collected; attempt++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return seen.collected;
}

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  resetExtensions();
  TimerExtension.configure({ appendToHttpResponse: true });
});

afterAll(() => {
  resetExtensions();
  vi.restoreAllMocks();
});

describe('the timer keeps nothing after an invocation', () => {
  it('when the handler throws', async () => {
    expect(
      await isCollected((registry) => {
        const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/x' });
        registry.register(request, 'request');
        void runInvocation({
          inputs: [request],
          handler: () => {
            throw new Error('boom');
          },
        });
      }),
    ).toBe(true);
  });

  it('when it answered, including the response it made', async () => {
    expect(
      await isCollected((registry) => {
        void runInvocation({ handler: () => ({ body: 'x' }) }).then((outcome) => {
          // The timer marks the responses it made (so as never to suffix them twice) without holding on to them.
          registry.register(outcome.result as object, 'response');
        });
      }),
    ).toBe(true);
  });

  it('when the post phase never runs (the host gave up on the invocation)', async () => {
    expect(
      await isCollected((registry) => {
        const invocationContext = new InvocationContext({ functionName: 'Abandoned', logHandler: () => undefined });
        registry.register(invocationContext, 'context');
        void nativeHooks.preInvocation(
          new PreInvocationContext({ hookData: {}, invocationContext, inputs: [], functionCallback: () => undefined }),
        );
      }),
    ).toBe(true);
  });
});
