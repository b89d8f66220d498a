// `pnpm bench`: what an extension costs, measured against the alternatives, side by side in one run. Prints the
// results and writes them to reports/bench/results.json. See docs/performance.md for the method and a recorded run.
//   --quick              a short smoke run (numbers too noisy to quote)
//   --only=a,b           run some sections only: dispatch, tracing, http, coldstart, size
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summarizeColdStart, formatColdStart } from './coldstart/report.mjs';
import { measureFirstResponse } from './coldstart/measureFirstResponse.mjs';
import { measureImports } from './coldstart/measureImports.mjs';
import { measureDispatch } from './dispatch/measure.mjs';
import { formatDispatch, summarizeDispatch } from './dispatch/report.mjs';
import { measureHttp } from './http/measure.mjs';
import { formatHttp, summarizeHttp } from './http/report.mjs';
import { measurePackages } from './size/measurePackages.mjs';
import { formatSizes } from './size/report.mjs';
import { measureTracing } from './tracing/measure.mjs';
import { formatTracing, summarizeTracing } from './tracing/report.mjs';

/** @typedef {import('./support/targets.mjs').TargetResult} TargetResult */

const sections = ['dispatch', 'tracing', 'http', 'coldstart', 'size'];
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const only = values.only === undefined ? sections : values.only.split(',').map((name) => name.trim());
const unknown = only.filter((name) => !sections.includes(name));
if (unknown.length > 0) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; choose from ${sections.join(', ')}.`);

const settings = values.quick
  ? {
      dispatch: { rounds: 2, sampleMs: 50, warmup: 500 },
      http: { rounds: 1, durationSeconds: 1, warmupSeconds: 0.5, connections: 10 },
      coldstart: { runs: 2, startRuns: 1 },
    }
  : {
      dispatch: { rounds: 12, sampleMs: 200, warmup: 2000 },
      http: { rounds: 8, durationSeconds: 1.5, warmupSeconds: 2, connections: 10 },
      coldstart: { runs: 15, startRuns: 8 },
    };

const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  loadAverageBefore: os.loadavg(),
};

/** @param {string[]} lines */
const print = (lines) => {
  process.stdout.write(`${lines.join('\n')}\n\n`);
};
/** @param {string} title */
const heading = (title) => {
  print([title, '='.repeat(title.length)]);
};
/** @param {string} line */
const progress = (line) => {
  process.stderr.write(`  … ${line}\n`);
};

print([
  `azfx benchmarks${values.quick ? ' (--quick: a smoke run, do not quote these numbers)' : ''}`,
  `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}`,
  `Load average at start: ${machine.loadAverageBefore.map((load) => load.toFixed(2)).join(' ')} (a busy machine makes every number noisier)`,
]);

/** @type {Record<string, unknown>} */
const results = { machine, settings };
/** @type {TargetResult[]} */
const targets = [];
const started = performance.now();

if (only.includes('dispatch')) {
  heading('1. Dispatch overhead per invocation (in-process)');
  progress('dispatch: 0, 1, 5, 10 extensions vs native hooks, and the timer');
  const raw = await measureDispatch(settings.dispatch);
  const summary = summarizeDispatch(raw);
  print(formatDispatch(summary, raw));
  targets.push(...summary.targets);
  results.dispatch = { raw, summary };
}

if (only.includes('tracing')) {
  heading('1b. Tracing per invocation (in-process): the OpenTelemetry extension beside the timer');
  progress('tracing: the timer, the OpenTelemetry extension with and without an SDK registered');
  const raw = await measureTracing(settings.dispatch);
  const summary = summarizeTracing(raw);
  print(formatTracing(summary, raw));
  targets.push(...summary.targets);
  results.tracing = { raw, summary };
}

if (only.includes('http')) {
  heading('2. HTTP throughput and latency');
  const raw = await measureHttp(settings.http, (line) => {
    progress(`http: ${line}`);
  });
  const summary = summarizeHttp(raw);
  print(formatHttp(summary, raw));
  targets.push(...summary.targets);
  results.http = { raw, summary };
}

if (only.includes('coldstart')) {
  heading('3. Cold start');
  progress('cold start: imports in fresh processes');
  const imports = await measureImports({ runs: settings.coldstart.runs });
  progress('cold start: azfx start to first response');
  const { starts, bareNodeMs } = await measureFirstResponse({ runs: settings.coldstart.startRuns });
  const raw = { settings: settings.coldstart, imports, starts, bareNodeMs };
  const summary = summarizeColdStart(raw);
  print(formatColdStart(summary, raw));
  targets.push(...summary.targets);
  results.coldstart = { raw, summary };
}

if (only.includes('size')) {
  heading('4. Package cost');
  progress('size: npm pack --dry-run for each published package');
  const raw = await measurePackages();
  print(formatSizes(raw));
  results.size = raw;
}

heading('Targets');
print(
  targets.map(
    (result) => `${result.met ? 'met   ' : 'MISSED'}  ${result.target}: ${result.measured}${result.miss ? ` (${result.miss})` : ''}`,
  ),
);

machine.loadAverageBefore = machine.loadAverageBefore.map((load) => Number(load.toFixed(2)));
results.loadAverageAfter = os.loadavg().map((load) => Number(load.toFixed(2)));
results.targets = targets;
results.durationSeconds = Math.round((performance.now() - started) / 1000);
const output = path.join(fileURLToPath(new URL('../../../reports/bench/', import.meta.url)), 'results.json');
await mkdir(path.dirname(output), { recursive: true });
await writeFile(output, `${JSON.stringify(results, null, 2)}\n`);
print([`Done in ${String(results.durationSeconds)} s. Load average at the end: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}. Results: ${path.relative(process.cwd(), output)}`]);
