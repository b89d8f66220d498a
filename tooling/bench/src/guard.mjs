// `pnpm --filter @azfx/bench guard`: the regression guard for CI. Measures the dispatch overhead and the cold
// imports in a short run (about half a minute on 2 cores), or reads a full `pnpm bench` run's JSON
// (`--from=reports/bench/results.json`), and compares RATIOS, never times, against ../budgets.json. Exits 1 when a
// ratio is over its budget. The budgets sit several times above the recorded figures (docs/performance.md), so a
// busy shared machine does not trip it and a real regression does. A ratio over budget is measured again (up to
// --attempts in all) and judged by its best attempt: noise inflates one attempt, a regression inflates them all.
//   --from=<results.json>   judge a recorded run instead of measuring
//   --attempts=<n>          measurements at most, when a ratio is over budget (default 3)
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureImports } from './coldstart/measureImports.mjs';
import { measureDispatch } from './dispatch/measure.mjs';
import { bestOf, guardedRatios, judge } from './guard/ratios.mjs';
import { formatTable } from './support/table.mjs';

const { values } = parseArgs({ options: { from: { type: 'string' }, attempts: { type: 'string', default: '3' } } });
const maxAttempts = Number(values.attempts);
if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
  throw new Error(`--attempts must be a whole number of at least 1 (got "${values.attempts}").`);
}
const budgetsFile = fileURLToPath(new URL('../budgets.json', import.meta.url));
const { budgets } = /** @type {{ budgets: Record<string, import('./guard/ratios.mjs').Budget> }} */ (JSON.parse(await readFile(budgetsFile, 'utf8')));

/** @type {Record<string, number>} */
let ratios;
if (values.from !== undefined) {
  const recorded = /** @type {{ dispatch?: { raw: import('./dispatch/measure.mjs').DispatchResult }; coldstart?: { raw: { imports: import('./guard/ratios.mjs').ImportSamples } } }} */ (
    JSON.parse(await readFile(path.resolve(values.from), 'utf8'))
  );
  ratios = guardedRatios({ dispatch: recorded.dispatch?.raw, imports: recorded.coldstart?.raw.imports });
} else {
  /** @type {Parameters<typeof guardedRatios>[0][]} */
  const runs = [];
  /** @type {Record<string, number>[]} */
  const attempts = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const suffix = attempt === 1 ? '' : ` (attempt ${String(attempt)}: a ratio was over budget)`;
    process.stderr.write(`  … guard: dispatch (short run)${suffix}\n`);
    const dispatch = await measureDispatch({ rounds: 9, sampleMs: 100, warmup: 4000 });
    process.stderr.write('  … guard: cold imports\n');
    const imports = await measureImports({ runs: 5 });
    runs.push({ dispatch, imports });
    attempts.push(guardedRatios({ dispatch, imports }));
    if (judge(bestOf(attempts), budgets).every((verdict) => verdict.ok)) break;
  }
  ratios = bestOf(attempts);
  const output = fileURLToPath(new URL('../../../reports/bench/guard.json', import.meta.url));
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify({ attempts, runs }, null, 2)}\n`);
}

const verdicts = judge(ratios, budgets);
process.stdout.write(
  `${formatTable(
    ['ratio', 'measured', 'budget', ''],
    verdicts.map((verdict) => [verdict.name, verdict.value.toFixed(2), `<= ${verdict.max.toFixed(2)}`, verdict.ok ? 'ok' : 'OVER BUDGET']),
  ).join('\n')}\n`,
);
const over = verdicts.filter((verdict) => !verdict.ok);
if (over.length > 0) {
  process.stdout.write(`\n${String(over.length)} ratio(s) over budget (tooling/bench/budgets.json says what each means).\n`);
  process.exitCode = 1;
}
