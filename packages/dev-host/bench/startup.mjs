#!/usr/bin/env node
// Start-up benchmark of the dev host: the time from starting it to the first served request, over repeated runs.
// Plain node, not a test: `node bench/startup.mjs [appDir] [--runs N] [--path /api/...]` after building.
//
// Measured side by side, each run in a fresh process (cold module caches, as a developer sees it):
//   cli         `azfx start <app> --port 0` spawned → first response from the function (what `pnpm dev` feels like)
//   in-process  a fresh `node` that calls startHost() and fetches once, timed from that process's start
//   node        a bare `node -e ""`, the floor every run above pays
// The target is a CLI median under 1 s for apps/http-sample.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
/* global fetch */

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.join(packageDir, '..', '..');
const cliPath = path.join(packageDir, 'bin', 'azfx.js');
const indexPath = path.join(packageDir, 'dist', 'index.mjs');
const targetMs = 1000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '10' }, path: { type: 'string' } },
});
const runs = Number(values.runs);
const sample = path.join(repoDir, 'apps', 'http-sample');
const sampleBuilt = existsSync(path.join(sample, 'dist', 'src', 'functions', 'HttpTrigger.js'));
const appDir = path.resolve(positionals[0] ?? (sampleBuilt ? sample : path.join(packageDir, 'src', 'fixtures', 'cjs-app')));
const requestPath = values.path ?? (appDir === sample ? '/api/HttpTrigger?name=bench' : '/api/hello?name=bench');

if (!existsSync(indexPath)) {
  console.error('Build the dev host first: pnpm --filter @azfx/dev-host build');
  process.exit(1);
}

function timeProcess(args, onOutput) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      onOutput?.(output, started, child, resolve, reject);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (errors += chunk));
    child.on('exit', (code) => {
      if (!onOutput) resolve(performance.now() - started);
      else reject(new Error(`exited with ${code} before serving a request:\n${errors || output}`));
    });
  });
}

async function cliRun() {
  return timeProcess([cliPath, 'start', appDir, '--port', '0'], (output, started, child, resolve, reject) => {
    const match = / at (http:\/\/127\.0\.0\.1:\d+)\./.exec(output);
    if (!match || child.measuring) return;
    child.measuring = true;
    fetch(`${match[1]}${requestPath}`)
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${requestPath} answered ${response.status}`);
        const elapsed = performance.now() - started;
        child.removeAllListeners('exit');
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGTERM');
      })
      .catch(reject);
  });
}

async function inProcessRun() {
  const script = `
    const startedAt = performance.now();
    const { startHost } = await import(${JSON.stringify(pathToFileURL(indexPath).href)});
    const host = await startHost({ appDir: ${JSON.stringify(appDir)} });
    const response = await host.fetch(${JSON.stringify(requestPath)});
    await response.arrayBuffer();
    const served = performance.now();
    await host.close();
    console.log(JSON.stringify({ status: response.status, total: served, hostOnly: served - startedAt }));
  `;
  const output = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (text += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`in-process run exited with ${code}`))));
  });
  const result = JSON.parse(output.trim().split('\n').at(-1));
  if (result.status !== 200) throw new Error(`${requestPath} answered ${result.status}`);
  return result;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
}

const format = (ms) => `${ms.toFixed(0).padStart(5)} ms`;

console.log(`dev host start-up: ${path.relative(repoDir, appDir) || appDir}, first request ${requestPath}, ${runs} runs each\n`);
const results = { cli: [], inProcess: [], inProcessHostOnly: [], node: [] };
await cliRun(); // warm the file system cache once, as a second `pnpm dev` would find it
for (let run = 0; run < runs; run++) {
  results.node.push(await timeProcess(['-e', '']));
  results.cli.push(await cliRun());
  const inProcess = await inProcessRun();
  results.inProcess.push(inProcess.total);
  results.inProcessHostOnly.push(inProcess.hostOnly);
}

const rows = [
  ['cli: spawn → first response', results.cli],
  ['in-process: node start → first response', results.inProcess],
  ['in-process: startHost() → first response', results.inProcessHostOnly],
  ['bare node start → exit (floor)', results.node],
];
console.log(`${'measurement'.padEnd(44)}${'median'.padStart(9)}${'p90'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}`);
for (const [label, samples] of rows) {
  const { median, p90, min, max } = stats(samples);
  console.log(`${label.padEnd(44)}${format(median)}${format(p90)}${format(min)}${format(max)}`);
}
const cliMedian = stats(results.cli).median;
const nodeMedian = stats(results.node).median;
console.log(`\ncli median / 1 s target: ${(cliMedian / targetMs).toFixed(2)}  (${cliMedian < targetMs ? 'within target' : 'OVER TARGET'})`);
console.log(`cli median / bare node start: ${(cliMedian / nodeMedian).toFixed(1)}x`);
process.exitCode = cliMedian < targetMs ? 0 : 1;
