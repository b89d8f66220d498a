import { median, relativeSpread } from '../support/stats.mjs';
import { fixed, formatTable, plusMinus } from '../support/table.mjs';
import { atMost } from '../support/targets.mjs';
import { IMPORT_CHAIN } from './importChain.mjs';
import { startVariants } from './measureFirstResponse.mjs';

/** @typedef {import('../support/targets.mjs').TargetResult} TargetResult */
/** @typedef {import('./measureImports.mjs').ImportSample} ImportSample */
/** @typedef {import('./measureFirstResponse.mjs').StartSample} StartSample */

/**
 * @typedef {object} ColdStartResult
 * @property {{ runs: number; startRuns: number }} settings
 * @property {Record<import('./measureImports.mjs').LoadMode, ImportSample[]>} imports
 * @property {Record<string, StartSample[]>} starts
 * @property {number[]} bareNodeMs
 */

/**
 * @typedef {object} ImportRow
 * @property {'import' | 'require'} mode
 * @property {Record<string, number>} stepMs median time of each step of the chain
 * @property {number} extensionsMs extension-core and the timer together, on top of the library (median of sums)
 * @property {number} spread of that
 * @property {number} processMs from process start until everything is loaded
 */

/**
 * @param {ColdStartResult} result
 * @returns {{ imports: ImportRow[]; starts: { name: string; readyMs: number; firstResponseMs: number; spread: number }[]; bareNodeMs: number; targets: TargetResult[] }}
 */
export function summarizeColdStart(result) {
  const extensions = IMPORT_CHAIN.slice(1);
  const imports = /** @type {const} */ (['import', 'require']).map((mode) => {
    const samples = result.imports[mode];
    const extensionTimes = samples.map((sample) => extensions.reduce((sum, step) => sum + (sample.stepMs[step] ?? 0), 0));
    return {
      mode,
      stepMs: Object.fromEntries(IMPORT_CHAIN.map((step) => [step, median(samples.map((sample) => sample.stepMs[step] ?? Number.NaN))])),
      extensionsMs: median(extensionTimes),
      spread: relativeSpread(extensionTimes),
      processMs: median(samples.map((sample) => sample.sinceProcessStartMs)),
    };
  });
  const starts = startVariants.map(({ name }) => {
    const samples = result.starts[name] ?? [];
    return {
      name,
      readyMs: median(samples.map((sample) => sample.readyMs)),
      firstResponseMs: median(samples.map((sample) => sample.firstResponseMs)),
      spread: relativeSpread(samples.map((sample) => sample.firstResponseMs)),
    };
  });
  const targets = imports.map((row) =>
    atMost(
      `importing core and timer after the library costs at most 6 ms (${row.mode === 'import' ? 'import()' : 'require()'})`,
      row.extensionsMs,
      6,
      (ms) => `${ms.toFixed(1)} ms`,
      { inclusive: true },
    ),
  );
  return { imports, starts, bareNodeMs: median(result.bareNodeMs), targets };
}

/**
 * @param {ReturnType<typeof summarizeColdStart>} summary
 * @param {ColdStartResult} result
 * @returns {string[]}
 */
export function formatColdStart(summary, result) {
  const [library, core, timer] = IMPORT_CHAIN;
  return [
    `Cold loads, a fresh Node process per run (median of ${result.settings.runs} runs each): the library, then extension-core,`,
    'then the timer (which registers its hooks), each step timed on its own in the same process.',
    '',
    ...formatTable(
      ['loaded with', `${library} ms`, `+ ${core} ms`, `+ ${timer} ms`, 'core + timer ms', 'spread', 'process start to done ms'],
      summary.imports.map((row) => [
        row.mode === 'import' ? 'import()' : 'require()',
        fixed(row.stepMs[library] ?? Number.NaN, 1),
        fixed(row.stepMs[core] ?? Number.NaN, 1),
        fixed(row.stepMs[timer] ?? Number.NaN, 1),
        fixed(row.extensionsMs, 1),
        plusMinus(row.spread),
        fixed(row.processMs, 1),
      ]),
    ),
    '',
    `azfx start <app> --port 0 in a fresh process: median of ${result.settings.startRuns} runs.`,
    '',
    ...formatTable(
      ['app', 'spawn to serving ms', 'spawn to first response ms', 'spread'],
      [
        ...summary.starts.map((row) => [row.name, fixed(row.readyMs), fixed(row.firstResponseMs), plusMinus(row.spread)]),
        ['bare `node -e ""` (the floor), to exit', '', fixed(summary.bareNodeMs), ''],
      ],
    ),
  ];
}
