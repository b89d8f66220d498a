import { median, pairedDifferences, pairedRatio, relativeSpread } from '../support/stats.mjs';
import { fixed, formatTable, plusMinus, ratio } from '../support/table.mjs';
import { atMost } from '../support/targets.mjs';
import { EXTENSION_COUNTS } from './setups.mjs';

/** @typedef {import('./measure.mjs').DispatchResult} DispatchResult */
/** @typedef {import('../support/targets.mjs').TargetResult} TargetResult */

/**
 * @typedef {object} DispatchRow
 * @property {number} extensions
 * @property {number} nativeNs
 * @property {number} sdkNs
 * @property {number} nativeAddedNs
 * @property {number} sdkAddedNs
 * @property {number} totalRatio SDK/native, whole invocation
 * @property {number} addedRatio SDK/native, what the hooks add to an invocation without any
 * @property {number} spread the larger relative spread of the two sides
 */

/**
 * @typedef {object} DispatchSummary
 * @property {number} baselineNs an invocation with no hook at all
 * @property {DispatchRow[]} rows
 * @property {{ native: number; sdk: number }} perExtraExtensionNs from 1 to 10 extensions, per extension
 * @property {number} allDisabledAddedNs ten extensions, all turned off with AZFX_EXTENSIONS_DISABLED=*
 * @property {number} coreApiPairAddedNs a no-op pre + post hook registered with the worker's core API, no library wrapper
 * @property {number} timerFloorAddedNs the timer's own work done by hand in a core API hook pair: no extension does it for less
 * @property {{ part: string; ns: number }[]} timerBreakdown where the timer's added cost goes, layer by layer
 * @property {{ name: string; ns: number; addedNs: number; spread: number }[]} timer
 * @property {TargetResult[]} targets
 */

/**
 * CPU time per invocation by round, for one setup.
 * @param {DispatchResult} result
 * @param {string} name
 * @returns {number[]}
 */
function cpuSamples(result, name) {
  const samples = result.samples[name];
  if (samples === undefined) throw new Error(`The dispatch benchmark has no samples for "${name}".`);
  return samples.map((sample) => sample.cpuNs);
}

/**
 * @param {DispatchResult} result
 * @returns {DispatchSummary}
 */
export function summarizeDispatch(result) {
  // Both "0" setups register nothing: per round, their mean is the invocation without hooks.
  const nativeZero = cpuSamples(result, 'native 0');
  const sdkZero = cpuSamples(result, 'sdk 0');
  const baseline = nativeZero.map((value, round) => (value + (sdkZero[round] ?? value)) / 2);
  /** @param {string} name */
  const added = (name) => pairedDifferences(cpuSamples(result, name), baseline);

  const rows = EXTENSION_COUNTS.map((extensions) => {
    const native = cpuSamples(result, `native ${extensions}`);
    const sdk = cpuSamples(result, `sdk ${extensions}`);
    const nativeAdded = added(`native ${extensions}`);
    const sdkAdded = added(`sdk ${extensions}`);
    return {
      extensions,
      nativeNs: median(native),
      sdkNs: median(sdk),
      nativeAddedNs: median(nativeAdded),
      sdkAddedNs: median(sdkAdded),
      totalRatio: pairedRatio(sdk, native),
      addedRatio: extensions === 0 ? Number.NaN : pairedRatio(sdkAdded, nativeAdded),
      spread: Math.max(relativeSpread(native), relativeSpread(sdk)),
    };
  });

  /** @param {string} name */
  const perExtra = (name) =>
    median(pairedDifferences(cpuSamples(result, `${name} 10`), cpuSamples(result, `${name} 1`))) / 9;

  const timer = ['timer', 'timer, appendToHttpResponse', 'timer, no log line, no Server-Timing'].map((name) => ({
    name,
    ns: median(cpuSamples(result, name)),
    addedNs: median(added(name)),
    spread: relativeSpread(cpuSamples(result, name)),
  }));

  // The timer's cost, layer by layer, each the paired difference of two neighbouring configurations: what the
  // library's hook wrappers cost (one native pre + post hook, doing nothing), what extension-core's dispatch adds
  // to run one (no-op) extension, and what the timer's own hooks do on top.
  /** @param {string} minuend @param {string} subtrahend */
  const between = (minuend, subtrahend) =>
    median(pairedDifferences(cpuSamples(result, minuend), cpuSamples(result, subtrahend)));
  const coreApiPair = 'core API 1 (no library wrapper)';
  const floor = "floor: the timer's work by hand on the core API";
  const timerBreakdown = [
    { part: 'the worker running one pre + post hook doing nothing, on its core API (core API 1 - none)', ns: median(added(coreApiPair)) },
    { part: `extension-core's dispatch of one no-op extension (sdk 1 - core API 1)`, ns: between('sdk 1', coreApiPair) },
    { part: "the timer's own work: clock, log line, Server-Timing (timer - sdk 1)", ns: between('timer', 'sdk 1') },
    { part: '  of which the log line and Server-Timing (timer - timer without them)', ns: between('timer', 'timer, no log line, no Server-Timing') },
    { part: "the same work by hand, with no SDK: the floor (floor - core API 1)", ns: between(floor, coreApiPair) },
    { part: 'for comparison: one no-op pre + post hook through app.hook (native 1 - none)', ns: median(added('native 1')) },
  ];

  /** @type {TargetResult[]} */
  const targets = [];
  const one = rows.find((row) => row.extensions === 1);
  if (one !== undefined) {
    targets.push(
      atMost('one no-op extension adds at most 0.2x what one native no-op pair through app.hook adds', one.addedRatio, 0.2, (value) => ratio(value), {
        inclusive: true,
      }),
    );
  }
  for (const row of rows.filter((candidate) => candidate.extensions >= 1)) {
    targets.push(
      atMost(
        `${row.extensions} extension${row.extensions === 1 ? '' : 's'} through extension-core cost less than ${row.extensions} native pair${row.extensions === 1 ? '' : 's'} (added-cost ratio < 1.00)`,
        row.addedRatio,
        1,
        (value) => ratio(value),
      ),
    );
  }
  const timerDefault = timer[0];
  if (timerDefault !== undefined) {
    targets.push(
      atMost('the timer adds under 2 µs per invocation in-process', timerDefault.addedNs, 2000, (ns) => `${fixed(ns)} ns`),
    );
  }

  return {
    baselineNs: median(baseline),
    rows,
    perExtraExtensionNs: { native: perExtra('native'), sdk: perExtra('sdk') },
    allDisabledAddedNs: median(added('sdk 10, all disabled')),
    coreApiPairAddedNs: median(added(coreApiPair)),
    timerFloorAddedNs: median(added(floor)),
    timer,
    timerBreakdown,
    targets,
  };
}

/**
 * @param {DispatchSummary} summary
 * @param {DispatchResult} result
 * @returns {string[]}
 */
export function formatDispatch(summary, result) {
  const { rounds, sampleMs } = result.settings;
  const counts = Object.values(result.invocationsPerSample);
  return [
    `Dispatch overhead per invocation: CPU time, median of ${rounds} interleaved rounds; each sample runs about ${sampleMs} ms`,
    `(${fixed(Math.min(...counts))} to ${fixed(Math.max(...counts))} invocations, fixed per configuration).`,
    `An invocation without any hook costs ${fixed(summary.baselineNs)} ns (InvocationContext, handler, the worker's awaits).`,
    '',
    ...formatTable(
      ['extensions', 'native ns', 'SDK ns', 'native +ns', 'SDK +ns', 'SDK/native', 'SDK/native added', 'spread'],
      summary.rows.map((row) => [
        String(row.extensions),
        fixed(row.nativeNs),
        fixed(row.sdkNs),
        fixed(row.nativeAddedNs),
        fixed(row.sdkAddedNs),
        ratio(row.totalRatio),
        ratio(row.addedRatio),
        plusMinus(row.spread),
      ]),
    ),
    '',
    `Each extension beyond the first: native ${fixed(summary.perExtraExtensionNs.native)} ns, SDK ${fixed(summary.perExtraExtensionNs.sdk)} ns.`,
    `Ten extensions, all disabled (AZFX_EXTENSIONS_DISABLED=*): +${fixed(summary.allDisabledAddedNs)} ns (the SDK's two native hooks, nothing to run).`,
    `One no-op pre + post hook registered with the worker's core API, without the library's wrapper: +${fixed(summary.coreApiPairAddedNs)} ns`,
    `(the same pair through app.hook: +${fixed(summary.rows[1]?.nativeAddedNs ?? Number.NaN)} ns; the difference is the library's PreInvocationContext/PostInvocationContext).`,
    '',
    ...formatTable(
      ['timer (HTTP invocation)', 'ns', '+ns vs no extension', 'spread'],
      [
        ['no extension', fixed(summary.baselineNs), '', ''],
        ...summary.timer.map((row) => [row.name, fixed(row.ns), fixed(row.addedNs), plusMinus(row.spread)]),
        ["floor: the timer's work by hand on the core API, no SDK", '', fixed(summary.timerFloorAddedNs), ''],
      ],
    ),
    '',
    ...formatTable(
      ["where the timer's cost goes (paired differences)", 'ns'],
      summary.timerBreakdown.map((row) => [row.part, fixed(row.ns)]),
    ),
  ];
}
