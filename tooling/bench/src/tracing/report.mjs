import { median, pairedDifferences, pairedRatio, relativeSpread } from '../support/stats.mjs';
import { fixed, formatTable, plusMinus, ratio } from '../support/table.mjs';
import { atMost } from '../support/targets.mjs';

/** @typedef {import('./measure.mjs').TracingResult} TracingResult */
/** @typedef {import('../support/targets.mjs').TargetResult} TargetResult */

/**
 * @typedef {object} TracingRow
 * @property {string} name
 * @property {number} ns CPU time per invocation, median of the rounds
 * @property {number} addedNs over the invocation with no extension, median of the paired differences
 * @property {number} timerRatio its added cost over the timer's, paired by round
 * @property {number} spread
 */

/**
 * @typedef {object} TracingSummary
 * @property {TracingRow[]} rows
 * @property {TargetResult[]} targets
 */

/**
 * @param {TracingResult} result
 * @param {string} name
 * @returns {number[]}
 */
function cpuSamples(result, name) {
  const samples = result.samples[name];
  if (samples === undefined) throw new Error(`The tracing benchmark has no samples for "${name}".`);
  return samples.map((sample) => sample.cpuNs);
}

/**
 * @param {TracingResult} result
 * @returns {TracingSummary}
 */
export function summarizeTracing(result) {
  const baseline = cpuSamples(result, 'no extension');
  const timerAdded = pairedDifferences(cpuSamples(result, 'timer'), baseline);
  const rows = Object.keys(result.samples).map((name) => {
    const samples = cpuSamples(result, name);
    const added = pairedDifferences(samples, baseline);
    return {
      name,
      ns: median(samples),
      addedNs: median(added),
      timerRatio: name === 'no extension' ? Number.NaN : pairedRatio(added, timerAdded),
      spread: relativeSpread(samples),
    };
  });
  /** @type {TargetResult[]} */
  const targets = [];
  // "Next to nothing" without an SDK: what it adds over the same hooks doing nothing at all (the SDK's dispatch and
  // handler wrapper, which any extension of that shape costs) is its own check for a tracer provider.
  const overFloor = median(
    pairedDifferences(cpuSamples(result, 'opentelemetry, no SDK registered'), cpuSamples(result, 'no-op extension with the same hooks')),
  );
  targets.push(
    atMost(
      'the OpenTelemetry extension with no SDK registered adds under 1 µs per invocation to a no-op extension with the same hooks',
      overFloor,
      1000,
      (ns) => `${fixed(ns)} ns`,
    ),
  );
  return { rows, targets };
}

/**
 * @param {TracingSummary} summary
 * @param {TracingResult} result
 * @returns {string[]}
 */
export function formatTracing(summary, result) {
  const { rounds, sampleMs } = result.settings;
  return [
    `Tracing per invocation: CPU time of one HTTP invocation with the host's trace context, through the worker's`,
    `sequence, median of ${rounds} interleaved rounds of about ${sampleMs} ms each. "SDK registered": a tracer provider`,
    'with the default sampler (the host says sampled) and a span processor that only counts, and the async-hooks',
    "context manager; exporting, which an app's exporter does in the background, is not included.",
    '',
    ...formatTable(
      ['configuration', 'ns', '+ns vs no extension', "added / timer's added", 'spread'],
      summary.rows.map((row) => [row.name, fixed(row.ns), row.name === 'no extension' ? '' : fixed(row.addedNs), ratio(row.timerRatio), plusMinus(row.spread)]),
    ),
    '',
    ...result.checks.map((line) => `checked: ${line}`),
  ];
}
