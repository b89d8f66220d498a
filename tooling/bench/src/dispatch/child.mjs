// The dispatch benchmark's own process (started by ./measure.mjs with --expose-gc): every configuration of hooks runs in this one
// process, interleaved round by round, so drift hits all of them alike.
import { reportToParent } from '../support/runChild.mjs';
import { installWorkerCore } from '../support/workerCore.mjs';
import { checkSetup } from './checkSetup.mjs';
import { createSetups } from './setups.mjs';
import { invokeLikeTheWorker, lastUserLog } from './workerInvocation.mjs';

const settings = /** @type {import('./measure.mjs').DispatchSettings} */ (
  JSON.parse(process.argv[2] ?? '{"rounds":12,"sampleMs":200,"warmup":2000}')
);

// Before anything registers: the library asks for the core API once and remembers the answer.
const hooks = installWorkerCore();
const { default: azureFunctions } = await import('@azure/functions');
const { defineExtension } = await import('@azfx/extension-core');
const { resetExtensions } = await import('@azfx/extension-core/testing');
// Importing the timer registers it (with its defaults); each setup starts from nothing again.
const { TimerExtension } = await import('@azfx/extension-timer');

const setups = createSetups({
  app: azureFunctions.app,
  defineExtension,
  resetExtensions,
  TimerExtension,
  registerCoreHook: (name, callback) => hooks.register(name, callback),
});
const collectGarbage = globalThis.gc;
if (collectGarbage === undefined) throw new Error('Run with --expose-gc (./measure.mjs does): each sample starts from a collected heap.');

/** @type {string[]} */
const checks = [];
for (const setup of setups) checks.push(await checkSetup(setup, hooks, invokeLikeTheWorker));

/**
 * One sample: wall-clock and CPU time per invocation, in nanoseconds. CPU time (this process, all threads, so
 * garbage collection helpers count) is what the comparisons use: on a shared machine, time spent waiting for a
 * core is in the wall clock but is nobody's cost.
 *
 * Each sample starts from a fully collected heap. The library keeps its private fields in WeakMaps, so every
 * InvocationContext and hook context it builds adds ephemeron entries that young-generation collections must
 * process, and that pile up until a full collection: without one, a configuration would pay for the entries
 * that the configurations before it left behind. A sample is long enough (~200 ms) to span many young-generation
 * collections, so each configuration pays for the garbage it makes itself.
 * @param {import('./setups.mjs').Setup} setup
 * @param {number} invocations
 * @returns {Promise<{ wallNs: number; cpuNs: number }>}
 */
async function sample(setup, invocations) {
  setup.apply();
  for (let index = 0; index < settings.warmup; index++) await invokeLikeTheWorker(hooks);
  collectGarbage?.();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let index = 0; index < invocations; index++) await invokeLikeTheWorker(hooks);
  const wallNs = Number(process.hrtime.bigint() - start) / invocations;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallNs, cpuNs: ((cpu.user + cpu.system) * 1000) / invocations };
}

// Warm-up, which also sizes the samples: every configuration runs long enough for V8 to optimise the shared code
// paths, then gets as many invocations per sample as fill about `sampleMs` (the same count in every round).
/** @type {Map<string, number>} */
const invocationsPerSample = new Map();
for (const setup of setups) {
  const { wallNs } = await sample(setup, 2000);
  invocationsPerSample.set(setup.name, Math.max(1000, Math.round((settings.sampleMs * 1e6) / wallNs)));
}
for (const setup of setups) await sample(setup, invocationsPerSample.get(setup.name) ?? 1000);

/** @type {Record<string, { wallNs: number; cpuNs: number }[]>} */
const samples = Object.fromEntries(setups.map((setup) => [setup.name, []]));
for (let round = 0; round < settings.rounds; round++) {
  // A different configuration goes first each round, so none always follows the same neighbour.
  for (let offset = 0; offset < setups.length; offset++) {
    const setup = setups[(round + offset) % setups.length];
    if (setup !== undefined) samples[setup.name]?.push(await sample(setup, invocationsPerSample.get(setup.name) ?? 1000));
  }
}

await reportToParent({
  samples,
  invocationsPerSample: Object.fromEntries(invocationsPerSample),
  checks,
  settings,
  exampleTimerLog: lastUserLog(),
});
