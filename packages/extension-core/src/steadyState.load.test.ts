import { AsyncLocalStorage } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { currentRegistry } from './registry.js';
import { resetExtensions } from './testing/resetExtensions.js';
import { runInvocation, type InvocationOutcome } from './testing/runInvocation.js';

// "Nothing outlives an invocation" is a claim about memory, so it is measured: many invocations of every kind,
// then the heap after a forced collection. `--expose-gc` is switched on for this worker only, from here.
setFlagsFromString('--expose-gc');
const collectGarbage = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

const INVOCATIONS = 100_000;
const CONCURRENCY = 1_000;
const COLLECT_EVERY = 5_000;
const HOOK_TIMEOUT_MS = 2;
/**
 * 2 MB over 100,000 invocations. A flat run measures a few hundred KB either way (the collector's own noise); a
 * leak of one small object per invocation (a map entry keyed by invocation id) costs 80 bytes or more, and the
 * control test below checks that such a leak is caught.
 */
const MAX_GROWTH_BYTES_PER_INVOCATION = 20;

type Kind = 'ok' | 'handler fails' | 'short-circuit' | 'extension fault' | 'strict fault' | 'hook times out';

/** The mix: a different kind of ending for each invocation in turn, one in a hundred abandoned by a timeout. */
function kindOf(index: number): Kind {
  if (index % 100 === 99) return 'hook times out';
  switch (index % 5) {
    case 0:
      return 'handler fails';
    case 1:
      return 'short-circuit';
    case 2:
      return 'extension fault';
    case 3:
      return 'strict fault';
    default:
      return 'ok';
  }
}

const functionNames = ['orders', 'checkout', 'secure', 'nightly'];

interface Input {
  readonly kind: Kind;
  readonly index: number;
}

const inputOf = (ctx: { readonly inputs: readonly unknown[] }): Input => ctx.inputs[0] as Input;

/** Extensions that use every hook kind, per-invocation state, app state, scopes and the async context. */
function configureExtensions(): void {
  const trace = new AsyncLocalStorage<number>();
  defineExtension({
    name: 'timing',
    state: () => ({ started: 0n, steps: [] as string[] }),
    appState: () => ({ invocations: 0 }),
    preInvocation(ctx) {
      ctx.appState.invocations++;
      ctx.state.started = process.hrtime.bigint();
      ctx.state.steps.push('pre');
    },
    postInvocation(ctx) {
      ctx.state.steps.push('post');
      if (!ctx.failed) ctx.result = { body: ctx.result, took: process.hrtime.bigint() - ctx.state.started };
    },
  }).configure();
  defineExtension({
    name: 'tracing',
    aroundHandler: (ctx, next) => trace.run(inputOf(ctx).index, next),
  }).configure();
  defineExtension({
    name: 'auth',
    scope: { functions: ['secure', 'orders', 'checkout', 'nightly'], when: ({ functionName }) => functionName !== 'none' },
    async preInvocation(ctx) {
      await Promise.resolve();
      if (inputOf(ctx).kind === 'short-circuit') ctx.respond({ status: 401 });
    },
  }).configure();
  defineExtension({
    name: 'flaky',
    postInvocation(ctx) {
      if (inputOf(ctx).kind === 'extension fault') throw new Error(`flaky ${String(inputOf(ctx).index)}`);
    },
  }).configure();
  defineExtension({
    name: 'strict',
    failInvocationOnError: true,
    preInvocation(ctx) {
      // A non-Error, so the SDK wraps it: the wrapper must not keep anything alive either.
      if (inputOf(ctx).kind === 'strict fault') throwValue({ code: 'E_STRICT', index: inputOf(ctx).index });
    },
  }).configure();
  defineExtension({
    name: 'stuck',
    hookTimeoutMs: HOOK_TIMEOUT_MS,
    preInvocation(ctx) {
      // Abandoned after the timeout; the promise never settles and must not keep the invocation alive.
      return inputOf(ctx).kind === 'hook times out' ? new Promise(() => undefined) : undefined;
    },
  }).configure();
  // Referenced so the handler reads the async context the wrapper entered.
  handlerTrace = trace;
}

let handlerTrace: AsyncLocalStorage<number> | undefined;

function throwValue(value: unknown): never {
  throw value;
}

async function handler(input: Input): Promise<unknown> {
  if (input.index % 2 === 0) await Promise.resolve();
  if (input.kind === 'handler fails') throw new Error(`handler ${String(input.index)}`);
  return { index: input.index, traced: handlerTrace?.getStore() };
}

/** What each kind must end as: checked on every invocation, so the load run is also a correctness run. */
function checkOutcome(kind: Kind, outcome: InvocationOutcome): string | undefined {
  const body = (outcome.result as { body?: unknown } | undefined)?.body;
  const expected: Record<Kind, boolean> = {
    ok: !outcome.failed && (body as { traced?: unknown } | undefined)?.traced !== undefined,
    'handler fails': outcome.failed && (outcome.error as Error).message.startsWith('handler '),
    'short-circuit': !outcome.failed && !outcome.handlerCalled && (body as { status?: number }).status === 401,
    'extension fault': !outcome.failed && outcome.logs.some((log) => log.message.includes('Extension "flaky" failed')),
    'strict fault': outcome.failed && (outcome.error as Error).name === 'ExtensionHookError',
    'hook times out': !outcome.failed && outcome.logs.some((log) => log.message.includes('timed out after')),
  };
  return expected[kind] ? undefined : `${kind}: ${JSON.stringify({ failed: outcome.failed, logs: outcome.logs })}`;
}

/** Counts invocation contexts the garbage collector has reclaimed: the exact form of "nothing outlives one". */
class Reclaimed {
  count = 0;
  readonly #registry = new FinalizationRegistry<undefined>(() => {
    this.count++;
  });
  watch(target: object): void {
    this.#registry.register(target, undefined);
  }
}

/**
 * Runs `count` invocations, `CONCURRENCY` at a time, over four functions; returns the mismatches. A full
 * collection every `COLLECT_EVERY` invocations: the library keeps its classes' private fields in WeakMaps, whose tables keep the
 * capacity of their peak between full collections, so without it the heap measures that peak (tens of MB, varying
 * from run to run with the collector's timing), not what invocations leave behind.
 */
async function runMany(count: number, first: number, reclaimed?: Reclaimed): Promise<string[]> {
  const problems: string[] = [];
  for (let start = first; start < first + count; start += CONCURRENCY) {
    const batch: Promise<void>[] = [];
    for (let index = start; index < Math.min(start + CONCURRENCY, first + count); index++) {
      const kind = kindOf(index);
      batch.push(
        runInvocation({
          functionName: functionNames[index % functionNames.length] ?? 'orders',
          invocationId: `inv-${String(index)}`,
          inputs: [{ kind, index }],
          handler,
        }).then((outcome) => {
          reclaimed?.watch(outcome.invocationContext);
          const problem = checkOutcome(kind, outcome);
          if (problem !== undefined && problems.length < 5) problems.push(problem);
        }),
      );
    }
    await Promise.all(batch);
    if ((start - first) % COLLECT_EVERY === 0) collectGarbage();
  }
  return problems;
}

/** The heap once everything unreachable is gone: several collections, with turns between for finalizers. */
async function settledHeapBytes(): Promise<number> {
  for (let round = 0; round < 4; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

/** Collects until `reclaimed` has seen `expected` finalizations (or a generous number of rounds has passed). */
async function awaitReclaimed(reclaimed: Reclaimed, expected: number): Promise<number> {
  for (let round = 0; round < 100 && reclaimed.count < expected; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return reclaimed.count;
}

const activeTimers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

describe('100,000 invocations of every kind', () => {
  // One set of extensions for the whole file: the control test adds a leaky one on top.
  beforeAll(() => {
    resetExtensions();
    configureExtensions();
  });
  afterAll(() => {
    resetExtensions();
    handlerTrace = undefined;
  });

  it('leave the heap, the registry and the timers where they were', { timeout: 90_000 }, async () => {
    // Warm-up: compiles the hot paths and fills the plan cache, so the baseline is the steady state.
    expect(await runMany(5_000, 0)).toEqual([]);
    const sizeBefore = currentRegistry().size;
    const timersBefore = activeTimers();
    const heapBefore = await settledHeapBytes();
    const rssBefore = process.memoryUsage().rss;
    const reclaimed = new Reclaimed();
    const started = performance.now();

    const problems = await runMany(INVOCATIONS, 5_000, reclaimed);

    const seconds = (performance.now() - started) / 1000;
    expect(problems).toEqual([]);
    expect(await awaitReclaimed(reclaimed, INVOCATIONS)).toBe(INVOCATIONS);
    const heapAfter = await settledHeapBytes();
    const growth = heapAfter - heapBefore;
    console.info(
      `[reliability] ${INVOCATIONS.toLocaleString('en-US')} invocations in ${seconds.toFixed(1)} s ` +
        `(${Math.round(INVOCATIONS / seconds).toLocaleString('en-US')}/s, ${String(CONCURRENCY)} at a time, collecting every ${String(COLLECT_EVERY)}); ` +
        `heap after forced GC ${mb(heapBefore)} -> ${mb(heapAfter)} (${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KB), ` +
        `RSS ${mb(rssBefore)} -> ${mb(process.memoryUsage().rss)}; every invocation context reclaimed`,
    );
    expect(growth / INVOCATIONS).toBeLessThan(MAX_GROWTH_BYTES_PER_INVOCATION);
    expect(currentRegistry().size).toEqual(sizeBefore);
    expect(currentRegistry().size).toEqual({ extensions: 6, plans: functionNames.length });
    expect(activeTimers()).toBe(timersBefore);
  });

  it('would notice a leak of one small object per invocation (the measurement can fail)', { timeout: 30_000 }, async () => {
    const leaked = new Map<string, unknown>();
    defineExtension({
      name: 'leaky',
      state: () => ({ seen: true }),
      postInvocation(ctx) {
        // The classic leak: a module-level map keyed by invocation id that nothing ever clears.
        leaked.set(ctx.invocationId, ctx.state);
      },
    }).configure();
    const count = 20_000;
    await runMany(1_000, 200_000);
    leaked.clear();
    const heapBefore = await settledHeapBytes();

    await runMany(count, 300_000);

    const growth = (await settledHeapBytes()) - heapBefore;
    console.info(`[reliability] control: a leaked map entry per invocation grows the heap ${(growth / count).toFixed(0)} B/invocation`);
    // Only the invocations whose pre phase reached it (not short-circuited or failed earlier) leak.
    expect(leaked.size).toBeGreaterThan(count / 2);
    expect(growth / count).toBeGreaterThan(MAX_GROWTH_BYTES_PER_INVOCATION);
  });
});
