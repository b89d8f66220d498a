// What-if measurements behind docs/performance.md ("What would meet them"); not part of `pnpm bench`:
//   node tooling/bench/src/experiments/dispatchAlternatives.mjs
// Each variant runs in a fresh process (a steady heap of its own, as in a worker running one app): 20,000
// invocations of warm-up, a full collection, then 100,000 invocations of the worker's sequence, timed. Three rounds,
// variants interleaved, medians. The variants change nothing in the packages: they only feed extension-core's own
// native hooks differently, or add a native hook beside them.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { median } from '../support/stats.mjs';
import { formatTable, fixed } from '../support/table.mjs';
import { installWorkerCore } from '../support/workerCore.mjs';

const variants = /** @type {const} */ ([
  'no extension',
  'one no-op extension',
  'one no-op extension + a no-op native post hook',
  "one no-op extension + a native post hook clearing extension-core's hookData slot",
  'one no-op extension, dispatched from the core API',
  'timer',
  'timer + a no-op native post hook',
  "timer + a native post hook clearing extension-core's hookData slot",
  'timer, dispatched from the core API',
]);

/** @typedef {(typeof variants)[number]} Variant */

async function runAll() {
  const rounds = 3;
  /** @type {Map<Variant, { ns: number; heapMb: number }[]>} */
  const results = new Map(variants.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < variants.length; offset++) {
      const variant = variants[(round + offset) % variants.length];
      if (variant === undefined) continue;
      const child = fork(fileURLToPath(import.meta.url), ['--child', variant], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const exited = once(child, 'exit');
      const [message] = /** @type {[{ ns: number; heapMb: number } | undefined]} */ (
        await Promise.race([once(child, 'message'), exited.then(() => [undefined])])
      );
      if (message === undefined) throw new Error(`The "${variant}" process ended without a result.`);
      results.get(variant)?.push(message);
      await exited;
    }
  }
  const base = median(results.get('no extension')?.map((sample) => sample.ns) ?? []);
  process.stdout.write(
    `${formatTable(
      ['variant', 'ns/invocation', '+ns vs no extension', 'heap MB after'],
      variants.map((variant) => {
        const samples = results.get(variant) ?? [];
        const ns = median(samples.map((sample) => sample.ns));
        return [variant, fixed(ns), variant === 'no extension' ? '' : fixed(ns - base), fixed(median(samples.map((sample) => sample.heapMb)))];
      }),
    ).join('\n')}\n`,
  );
}

/**
 * @param {Variant} variant
 */
async function runChild(variant) {
  const hooks = installWorkerCore();
  const { default: azureFunctions } = await import('@azure/functions');
  const { defineExtension } = await import('@azfx/extension-core');
  const { nativeHooks, resetExtensions } = await import('@azfx/extension-core/testing');
  const { TimerExtension } = await import('@azfx/extension-timer');
  const { invokeLikeTheWorker } = await import('../dispatch/workerInvocation.mjs');
  const { app } = azureFunctions;

  resetExtensions();
  // The no-op extension counts its calls, and the timer's result is checked: a variant that silently stopped
  // dispatching would look fast.
  let calls = 0;
  const count = () => {
    calls++;
  };
  if (variant.startsWith('one no-op extension')) defineExtension({ name: 'noop', preInvocation: count, postInvocation: count }).configure();
  if (variant.startsWith('timer')) TimerExtension.configure();
  if (variant.endsWith('a no-op native post hook')) app.hook.postInvocation(() => undefined);
  if (variant.includes('clearing')) {
    app.hook.postInvocation((context) => {
      const hookData = /** @type {Record<symbol, unknown>} */ (context.hookData);
      for (const key of Object.getOwnPropertySymbols(hookData)) hookData[key] = undefined;
    });
  }
  if (variant.endsWith('dispatched from the core API')) {
    // The worker's plain hook contexts, seen through the property names of the library's wrappers, with no wrapper
    // object per call: what extension-core would do if it registered with the core API itself.
    hooks.byName.preInvocation.length = 0;
    hooks.byName.postInvocation.length = 0;
    hooks.register('preInvocation', (context) => nativeHooks.preInvocation(/** @type {never} */ (new PreView(/** @type {never} */ (context)))));
    hooks.register('postInvocation', (context) => nativeHooks.postInvocation(/** @type {never} */ (new PostView(/** @type {never} */ (context)))));
  }

  const warmup = 20_000;
  for (let index = 0; index < warmup; index++) await invokeLikeTheWorker(hooks);
  const result = /** @type {{ headers?: Headers }} */ (await invokeLikeTheWorker(hooks));
  if (variant.startsWith('timer') && !/^total;dur=/.test(result.headers?.get('server-timing') ?? '')) {
    throw new Error(`${variant}: the timer's Server-Timing header is missing.`);
  }
  if (variant.startsWith('one no-op extension') && calls !== 2 * (warmup + 1)) {
    throw new Error(`${variant}: the extension ran ${calls} hooks in ${warmup + 1} invocations.`);
  }
  globalThis.gc?.();
  const invocations = 100_000;
  const start = process.hrtime.bigint();
  for (let index = 0; index < invocations; index++) await invokeLikeTheWorker(hooks);
  const ns = Number(process.hrtime.bigint() - start) / invocations;
  process.send?.({ ns, heapMb: process.memoryUsage().heapUsed / 1e6 }, () => {
    process.disconnect();
  });
}

// Classes, not object literals with accessors: a literal's getters are new closures on every call, and V8 then
// gives every object a map of its own. The two views share what both hook kinds read.
class InvocationView {
  /** @param {{ hookData: object; invocationContext: unknown; inputs: unknown[] }} core */
  constructor(core) {
    this.core = core;
  }
  get hookData() {
    return this.core.hookData;
  }
  get invocationContext() {
    return this.core.invocationContext;
  }
  get inputs() {
    return this.core.inputs;
  }
}

class PreView extends InvocationView {
  /** @param {{ hookData: object; invocationContext: unknown; inputs: unknown[]; functionCallback: unknown }} core */
  constructor(core) {
    super(core);
    this.core = core;
  }
  // A setter alone would hide the inherited getter: inputs is writable only before the handler runs.
  /** @override */
  get inputs() {
    return this.core.inputs;
  }
  /** @override */
  set inputs(value) {
    this.core.inputs = value;
  }
  get functionHandler() {
    return this.core.functionCallback;
  }
  set functionHandler(value) {
    this.core.functionCallback = value;
  }
}

class PostView extends InvocationView {
  /** @param {{ hookData: object; invocationContext: unknown; inputs: unknown[]; result: unknown; error: unknown }} core */
  constructor(core) {
    super(core);
    this.core = core;
  }
  get result() {
    return this.core.result;
  }
  set result(value) {
    this.core.result = value;
  }
  get error() {
    return this.core.error;
  }
  set error(value) {
    this.core.error = value;
  }
}

const [role, chosen] = process.argv.slice(2);
if (role === '--child') await runChild(/** @type {Variant} */ (chosen));
else await runAll();
