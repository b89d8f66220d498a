// `pnpm --filter @azfx/bench guard`: the regression guard for CI. Measures the dispatch overhead and the cold
// imports in a short run (about half a minute on 2 cores), or reads a full `pnpm bench` run's JSON
// (`--from=reports/bench/results.json`), and compares RATIOS, never times, against ../budgets.json. Exits 1 when a
// ratio is over its budget. The budgets sit several times above the recorded figures (docs/performance.md), so a
// busy shared machine does not trip it and a real regression does.
//   --from=<results.json>   judge a recorded run instead of measuring
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureImports } from './coldstart/measureImports.mjs';
import { measureDispatch } from './dispatch/measure.mjs';
import { guardedRatios, judge } from './guard/ratios.mjs';
import { formatTable } from './support/table.mjs';

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const budgetsFile = fileURLToPath(new URL('../budgets.json', import.meta.url));
const { budgets } = /** @type {{ budgets: Record<string, import('./guard/ratios.mjs').Budget> }} */ (JSON.parse(await readFile(budgetsFile, 'utf8')));

/** @type {Parameters<typeof guardedRatios>[0]} */
let run;
if (values.from !== undefined) {
  const recorded = /** @type {{ dispatch?: { raw: import('./dispatch/measure.mjs').DispatchResult }; coldstart?: { raw: { imports: import('./guard/ratios.mjs').ImportSamples } } }} */ (
    JSON.parse(await readFile(path.resolve(values.from), 'utf8'))
  );
  run = { dispatch: recorded.dispatch?.raw, imports: recorded.coldstart?.raw.imports };
} else {
  process.stderr.write('  … guard: dispatch (short run)\n');
  const dispatch = await measureDispatch({ rounds: 9, sampleMs: 100, warmup: 4000 });
  process.stderr.write('  … guard: cold imports\n');
  const imports = await measureImports({ runs: 5 });
  run = { dispatch, imports };
  const output = fileURLToPath(new URL('../../../reports/bench/guard.json', import.meta.url));
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(run, null, 2)}\n`);
}

const verdicts = judge(guardedRatios(run), budgets);
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
