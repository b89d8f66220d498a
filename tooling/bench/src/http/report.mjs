import { median, pairedDifferences, pairedRatio, relativeSpread } from '../support/stats.mjs';
import { fixed, formatTable, plusMinus, ratio } from '../support/table.mjs';
import { atMost } from '../support/targets.mjs';
import { variants } from './servers.mjs';

/** @typedef {Awaited<ReturnType<typeof import('./measure.mjs').measureHttp>>} HttpResult */
/** @typedef {import('../support/targets.mjs').TargetResult} TargetResult */

/**
 * @typedef {object} HttpRow
 * @property {string} name
 * @property {number} requestsPerSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} spread of the requests per second
 * @property {string} comparedWith the variant its ratio is taken against
 * @property {number} throughputRatio requests per second, this variant / the other, paired by round
 * @property {number} serverCpuMicros CPU time of the server process per request
 * @property {number} cpuRatio server CPU per request, this variant / the other, paired by round
 */

/** Which variant each one is compared with (side by side, same round). */
const comparisons = /** @type {Record<string, string>} */ ({
  "node:http + the library's conversions": 'node:http, same work',
  'dev host, no extension': 'node:http, same work',
  'dev host, timer': 'dev host, no extension',
  'dev host, timer + appendToHttpResponse': 'dev host, no extension',
  'sample app as shipped (timer + append, request-id)': 'sample app, AZFX_EXTENSIONS_DISABLED=*',
});

/**
 * @param {HttpResult} result
 * @returns {{ rows: HttpRow[]; devHostOwnCpuMicros: number; targets: TargetResult[] }}
 */
export function summarizeHttp(result) {
  /** @param {string} name */
  const samplesOf = (name) => {
    const samples = result.samples[name];
    if (samples === undefined) throw new Error(`The HTTP benchmark has no samples for "${name}".`);
    return samples;
  };
  /** @param {string} name */
  const throughput = (name) => samplesOf(name).map((sample) => sample.requestsPerSecond);
  /** @param {string} name */
  const serverCpu = (name) => samplesOf(name).map((sample) => sample.serverCpuMicrosPerRequest ?? Number.NaN);

  const rows = variants.map(({ name }) => {
    const samples = samplesOf(name);
    const other = comparisons[name];
    return {
      name,
      requestsPerSecond: median(throughput(name)),
      p50Ms: median(samples.map((sample) => sample.p50Ms)),
      p99Ms: median(samples.map((sample) => sample.p99Ms)),
      spread: relativeSpread(throughput(name)),
      comparedWith: other ?? '',
      throughputRatio: other === undefined ? Number.NaN : pairedRatio(throughput(name), throughput(other)),
      serverCpuMicros: median(serverCpu(name)),
      cpuRatio: other === undefined ? Number.NaN : pairedRatio(serverCpu(name), serverCpu(other)),
    };
  });

  // What the dev host itself spends per request: its CPU beyond what the app's own library spends on the same
  // request (paired round by round).
  const devHostOwnCpuMicros = median(pairedDifferences(serverCpu('dev host, no extension'), serverCpu("node:http + the library's conversions")));
  const timer = rows.find((row) => row.name === 'dev host, timer');
  /** @type {TargetResult[]} */
  const targets = timer
    ? [
        atMost(
          'the timer adds under 3% to HTTP throughput',
          (1 - timer.throughputRatio) * 100,
          3,
          (percent) => `${percent.toFixed(1)}%`,
        ),
      ]
    : [];
  targets.push(
    atMost("the dev host's own CPU per request, beyond the app's library, is at most 30 µs", devHostOwnCpuMicros, 30, (micros) => `${micros.toFixed(0)} µs`, {
      inclusive: true,
    }),
  );
  return { rows, devHostOwnCpuMicros, targets };
}

/**
 * @param {{ rows: HttpRow[]; devHostOwnCpuMicros: number }} summary
 * @param {HttpResult} result
 * @returns {string[]}
 */
export function formatHttp(summary, result) {
  const { rounds, durationSeconds, connections } = result.settings;
  return [
    `HTTP on 127.0.0.1, GET /api/HttpTrigger?name=Azure: autocannon, ${connections} connections, median of ${rounds} interleaved ${durationSeconds} s runs.`,
    'Each server runs in a process of its own; the dev host runs the app through the full worker sequence.',
    '',
    ...formatTable(
      ['server', 'req/s', 'spread', 'p50 ms', 'p99 ms', 'server CPU µs/req'],
      summary.rows.map((row) => [
        row.name,
        fixed(row.requestsPerSecond),
        plusMinus(row.spread),
        fixed(row.p50Ms, 2),
        fixed(row.p99Ms, 2),
        fixed(row.serverCpuMicros),
      ]),
    ),
    '',
    'Ratios, paired round by round (throughput: higher is better; server CPU per request: lower is better):',
    '',
    ...formatTable(
      ['server', 'compared with', 'throughput', 'CPU/req'],
      summary.rows
        .filter((row) => row.comparedWith !== '')
        .map((row) => [row.name, row.comparedWith, ratio(row.throughputRatio), ratio(row.cpuRatio)]),
    ),
    '',
    `The dev host's own CPU per request (dev host, no extension - node:http + the library's conversions, paired): ${fixed(summary.devHostOwnCpuMicros)} µs.`,
  ];
}
