import { describe, expect, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { tick, useFreshRegistry } from '../test-support/recorder.js';
import { runInvocation, type InvocationOutcome } from '../testing/runInvocation.js';

useFreshRegistry();

// A hook past its hookTimeoutMs is abandoned: the invocation goes on without it, and whatever it does when it wakes
// up must change nothing (docs/lifecycle.md, "Faults"). Each test wakes the abandoned hook at a chosen moment, while
// another extension is still busy in the same phase, so the late change would otherwise land.

const TIMEOUT_MS = 20;

/** A promise the test settles when it wants: the abandoned hook waits on it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Lets an abandoned hook that was just let through run to its end. */
async function letItRun(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await tick();
}

function lines(outcome: InvocationOutcome, level: string): string[] {
  return outcome.logs.filter((log) => log.level === level).map((log) => log.message);
}

describe('an abandoned preInvocation hook', () => {
  it('cannot answer the invocation later with respond()', async () => {
    const late = gate();
    const seen: unknown[] = [];
    defineExtension({
      name: 'slowCache',
      hookTimeoutMs: TIMEOUT_MS,
      async preInvocation(ctx) {
        await late.wait;
        ctx.respond({ body: 'stale, from the abandoned hook' });
      },
    }).configure();
    defineExtension({
      name: 'auth',
      async preInvocation() {
        late.open();
        await letItRun();
      },
      postInvocation(ctx) {
        seen.push(ctx.shortCircuited);
      },
    }).configure();

    const outcome = await runInvocation({ functionName: 'orders', invocationId: 'inv-1', handler: () => ({ body: 'fresh' }) });

    expect(outcome).toMatchObject({ handlerCalled: true, result: { body: 'fresh' }, failed: false });
    expect(seen).toEqual([false]);
    expect(lines(outcome, 'warning')).toEqual([
      '[azfx] Extension "slowCache" called respond() after its preInvocation hook was abandoned (it outlived ' +
        'hookTimeoutMs) for function "orders" (invocation inv-1); the change was ignored.',
    ]);
  });

  it('cannot replace the inputs later, and warns only once however much it tries', async () => {
    const late = gate();
    defineExtension({
      name: 'slowRewrite',
      hookTimeoutMs: TIMEOUT_MS,
      async preInvocation(ctx) {
        await late.wait;
        ctx.inputs = ['from the abandoned hook'];
        ctx.inputs = ['again'];
        ctx.respond('and an answer');
      },
    }).configure();
    defineExtension({
      name: 'next',
      async preInvocation() {
        late.open();
        await letItRun();
      },
    }).configure();

    const outcome = await runInvocation({ inputs: ['original'], handler: (input: string) => input });

    expect(outcome).toMatchObject({ result: 'original', inputs: ['original'] });
    expect(lines(outcome, 'warning')).toEqual([expect.stringContaining('Extension "slowRewrite" replaced inputs after')]);
  });
});

describe('an abandoned onError hook', () => {
  it('cannot recover() later, while the same extension postInvocation still can change the outcome', async () => {
    const late = gate();
    const outerSaw: unknown[] = [];
    defineExtension({
      name: 'outer',
      onError(ctx) {
        outerSaw.push(`error: ${String(ctx.error)}`, `result: ${String(ctx.result)}`);
      },
    }).configure();
    defineExtension({
      name: 'slowHandler',
      hookTimeoutMs: TIMEOUT_MS,
      state: () => ({ note: 'made once' }),
      async onError(ctx) {
        ctx.state.note = 'seen by onError';
        await late.wait;
        ctx.recover('from the abandoned onError');
      },
      async postInvocation(ctx) {
        late.open();
        await letItRun();
        ctx.result = `from postInvocation (${ctx.state.note})`;
      },
    }).configure();

    const outcome = await runInvocation({
      handler: () => {
        throw new Error('handler boom');
      },
    });

    expect(outerSaw).toEqual(['error: Error: handler boom', 'result: from postInvocation (seen by onError)']);
    expect(outcome).toMatchObject({ failed: true, error: new Error('handler boom') });
    expect(lines(outcome, 'warning')).toEqual([
      expect.stringContaining('Extension "slowHandler" called recover() after its onError hook was abandoned'),
    ]);
  });
});

describe('an abandoned postInvocation hook', () => {
  it('cannot set the result or the error later', async () => {
    const late = gate();
    defineExtension({
      name: 'outer',
      async postInvocation() {
        late.open();
        await letItRun();
      },
    }).configure();
    defineExtension({
      name: 'slowPost',
      hookTimeoutMs: TIMEOUT_MS,
      async postInvocation(ctx) {
        await late.wait;
        ctx.result = 'from the abandoned hook';
        ctx.error = new Error('from the abandoned hook');
      },
    }).configure();

    const outcome = await runInvocation({ handler: () => 'from the handler' });

    expect(outcome).toMatchObject({ failed: false, result: 'from the handler' });
    expect(lines(outcome, 'warning')).toEqual([
      expect.stringContaining('Extension "slowPost" set result after its postInvocation hook was abandoned'),
    ]);
  });
});
