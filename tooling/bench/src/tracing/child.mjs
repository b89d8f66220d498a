// The tracing benchmark's own process (started by ./measure.mjs with --expose-gc): every configuration runs in this
// one process, interleaved round by round, so drift hits all of them alike (the dispatch benchmark's method).
import { reportToParent } from '../support/runChild.mjs';
import { installWorkerCore } from '../support/workerCore.mjs';
import { createTracingSetups, endedSpans } from './setups.mjs';
import { invokeTracedLikeTheWorker } from './tracedInvocation.mjs';

const settings = /** @type {import('./measure.mjs').TracingSettings} */ (
  JSON.parse(process.argv[2] ?? '{"rounds":12,"sampleMs":200,"warmup":2000}')
);

// Before anything registers: the library asks for the core API once and remembers the answer.
const hooks = installWorkerCore();
const { defineExtension } = await import('@azfx/extension-core');
const { resetExtensions } = await import('@azfx/extension-core/testing');
// Importing each extension registers it with its defaults; each setup starts from nothing again.
const { TimerExtension } = await import('@azfx/extension-timer');
const { OpenTelemetryExtension } = await import('@azfx/extension-opentelemetry');

const setups = createTracingSetups({ defineExtension, resetExtensions, TimerExtension, OpenTelemetryExtension });
const collectGarbage = globalThis.gc;
if (collectGarbage === undefined) throw new Error('Run with --expose-gc (./measure.mjs does): each sample starts from a collected heap.');

/**
 * Proves a configuration does what its name says before it is timed.
 * @param {import('./setups.mjs').TracingSetup} setup
 * @returns {Promise<string>}
 */
async function check(setup) {
  setup.apply();
  const before = endedSpans.count;
  const result = /** @type {{ headers?: ConstructorParameters<typeof globalThis.Headers>[0] }} */ (await invokeTracedLikeTheWorker(hooks));
  const spans = endedSpans.count - before;
  if (spans !== setup.spansPerInvocation) throw new Error(`${setup.name}: expected ${setup.spansPerInvocation} span(s) per invocation, counted ${spans}.`);
  // Read through Headers: the timer keeps the form the handler used (a plain object here, a Headers for others).
  const hasServerTiming = new globalThis.Headers(result.headers).has('server-timing');
  if (hasServerTiming !== setup.serverTiming) throw new Error(`${setup.name}: expected ${setup.serverTiming ? 'a' : 'no'} Server-Timing header.`);
  return `${setup.name}: ${spans} span(s) per invocation${setup.serverTiming ? ', Server-Timing set' : ''}`;
}

/**
 * One sample: CPU time per invocation (this process, all threads), from a collected heap.
 * @param {import('./setups.mjs').TracingSetup} setup
 * @param {number} invocations
 * @returns {Promise<{ wallNs: number; cpuNs: number }>}
 */
async function sample(setup, invocations) {
  setup.apply();
  for (let index = 0; index < settings.warmup; index++) await invokeTracedLikeTheWorker(hooks);
  collectGarbage?.();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let index = 0; index < invocations; index++) await invokeTracedLikeTheWorker(hooks);
  const wallNs = Number(process.hrtime.bigint() - start) / invocations;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallNs, cpuNs: ((cpu.user + cpu.system) * 1000) / invocations };
}

/** @type {string[]} */
const checks = [];
for (const setup of setups) checks.push(await check(setup));

/** @type {Map<string, number>} */
const invocationsPerSample = new Map();
for (const setup of setups) {
  const { wallNs } = await sample(setup, 2000);
  invocationsPerSample.set(setup.name, Math.max(1000, Math.round((settings.sampleMs * 1e6) / wallNs)));
}

/** @type {Record<string, { wallNs: number; cpuNs: number }[]>} */
const samples = Object.fromEntries(setups.map((setup) => [setup.name, []]));
for (let round = 0; round < settings.rounds; round++) {
  // A different configuration goes first each round, so none always follows the same neighbour.
  for (let offset = 0; offset < setups.length; offset++) {
    const setup = setups[(round + offset) % setups.length];
    if (setup !== undefined) samples[setup.name]?.push(await sample(setup, invocationsPerSample.get(setup.name) ?? 1000));
  }
}

await reportToParent({ samples, invocationsPerSample: Object.fromEntries(invocationsPerSample), checks, settings });
