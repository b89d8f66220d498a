import { median, pairedDifferences, relativeSpread } from '../support/stats.mjs';
import { fixed, formatTable, plusMinus } from '../support/table.mjs';
import { atMost } from '../support/targets.mjs';
import { importVariants } from './measureImports.mjs';
import { startVariants } from './measureFirstResponse.mjs';

/** @typedef {import('../support/targets.mjs').TargetResult} TargetResult */
/** @typedef {import('./measureImports.mjs').ImportSample} ImportSample */
/** @typedef {import('./measureFirstResponse.mjs').StartSample} StartSample */

/**
 * @typedef {object} ColdStartResult
 * @property {{ runs: number; startRuns: number }} settings
 * @property {Record<'import' | 'require', Record<string, ImportSample[]>>} imports
 * @property {Record<string, StartSample[]>} starts
 */

/**
 * @typedef {object} ImportRow
 * @property {string} name
 * @property {'import' | 'require'} mode
 * @property {number} importMs
 * @property {number} addedMs over the library alone, paired run by run
 * @property {number} spread
 * @property {number} processMs from process start until the imports are done
 */

/**
 * @param {ColdStartResult} result
 * @returns {{ imports: ImportRow[]; starts: { name: string; readyMs: number; firstResponseMs: number; spread: number }[]; targets: TargetResult[] }}
 */
export function summarizeColdStart(result) {
  /** @type {ImportRow[]} */
  const imports = [];
  for (const mode of /** @type {const} */ (['import', 'require'])) {
    const byVariant = result.imports[mode];
    const alone = (byVariant[importVariants[0].name] ?? []).map((sample) => sample.importMs);
    for (const variant of importVariants) {
      const samples = byVariant[variant.name] ?? [];
      const times = samples.map((sample) => sample.importMs);
      imports.push({
        name: variant.name,
        mode,
        importMs: median(times),
        addedMs: median(pairedDifferences(times, alone)),
        spread: relativeSpread(times),
        processMs: median(samples.map((sample) => sample.sinceProcessStartMs)),
      });
    }
  }
  const starts = startVariants.map(({ name }) => {
    const samples = result.starts[name] ?? [];
    return {
      name,
      readyMs: median(samples.map((sample) => sample.readyMs)),
      firstResponseMs: median(samples.map((sample) => sample.firstResponseMs)),
      spread: relativeSpread(samples.map((sample) => sample.firstResponseMs)),
    };
  });
  const timerImports = imports.filter((row) => row.name === importVariants[2].name);
  const targets = timerImports.map((row) =>
    atMost(
      `importing core and timer adds under 5 ms (${row.mode === 'import' ? 'ES modules' : 'CommonJS'})`,
      row.addedMs,
      5,
      (ms) => `${ms.toFixed(1)} ms`,
    ),
  );
  return { imports, starts, targets };
}

/**
 * @param {ReturnType<typeof summarizeColdStart>} summary
 * @param {ColdStartResult} result
 * @returns {string[]}
 */
export function formatColdStart(summary, result) {
  return [
    `Cold imports: a fresh Node process per run, median of ${result.settings.runs} runs, variants interleaved.`,
    '',
    ...formatTable(
      ['modules', 'loaded with', 'import ms', 'spread', '+ms vs library alone', 'process start to done ms'],
      summary.imports.map((row) => [
        row.name,
        row.mode === 'import' ? 'import()' : 'require()',
        fixed(row.importMs, 1),
        plusMinus(row.spread),
        row.name === importVariants[0].name ? '' : fixed(row.addedMs, 1),
        fixed(row.processMs, 1),
      ]),
    ),
    '',
    `azfx start <app> --port 0 in a fresh process: median of ${result.settings.startRuns} runs.`,
    '',
    ...formatTable(
      ['app', 'spawn to serving ms', 'spawn to first response ms', 'spread'],
      summary.starts.map((row) => [row.name, fixed(row.readyMs), fixed(row.firstResponseMs), plusMinus(row.spread)]),
    ),
  ];
}
