#!/usr/bin/env node
// Per-request CPU of the dev host's two-process model (`azfx start`: a host process that routes, and a worker
// process that runs the app, talking over IPC) against the one-process model that `azfx start` used before (and
// that `startHost()` still uses): the same requests, side by side, CPU time of every process involved.
// Plain node, not a test, Linux only (it reads /proc): `node bench/requestCpu.mjs [appDir] [--requests N] [--rounds N]`
// after building.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
/* global fetch */

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.join(packageDir, '..', '..');
const cliPath = path.join(packageDir, 'bin', 'azfx.js');
const indexPath = path.join(packageDir, 'dist', 'index.mjs');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '8' } },
});
const sample = path.join(repoDir, 'apps', 'http-sample');
const appDir = path.resolve(positionals[0] ?? (existsSync(path.join(sample, 'dist')) ? sample : path.join(packageDir, 'src', 'fixtures', 'cjs-app')));
const requestPath = appDir === sample ? '/api/HttpTrigger?name=bench' : '/api/hello?name=bench';
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const ticksPerSecond = 100; // USER_HZ on Linux

if (process.platform !== 'linux' || !existsSync(indexPath)) {
  console.error('Linux only, after building the dev host (pnpm --filter @azfx/dev-host build).');
  process.exit(1);
}

/** utime + stime of a process and all its descendants, in ms. */
function treeCpuMs(rootPid) {
  const parents = new Map();
  const cpu = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(entry), Number(fields[1]));
    cpu.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
  }
  const inTree = (pid) => {
    for (let current = pid; current > 1; current = parents.get(current) ?? 0) if (current === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (inTree(pid)) total += ms;
  return total;
}

function startServer(kind) {
  const args =
    kind === 'two processes (azfx start)'
      ? [cliPath, 'start', appDir, '--port', '0']
      : [
          '--input-type=module',
          '-e',
          `const { startHost } = await import(${JSON.stringify(pathToFileURL(indexPath).href)});
           const host = await startHost({ appDir: ${JSON.stringify(appDir)}, quiet: false });
           console.log('serving at ' + host.url + '.');
           process.on('SIGTERM', () => host.close().then(() => process.exit(0)));`,
        ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = / at (http:\/\/127\.0\.0\.1:\d+)\./.exec(output);
      if (match) {
        output = '';
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // keep draining the request log, as a terminal would
        resolve({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

async function load(url, count) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function measure(kind) {
  const { child, url } = await startServer(kind);
  await load(`${url}${requestPath}`, Math.min(500, requests)); // warm up: JIT, connections
  const before = treeCpuMs(child.pid);
  const started = performance.now();
  await load(`${url}${requestPath}`, requests);
  const elapsed = performance.now() - started;
  const cpuMs = treeCpuMs(child.pid) - before;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { cpuPerRequestUs: (cpuMs * 1000) / requests, requestsPerSecond: (requests * 1000) / elapsed };
}

const kinds = ['one process (startHost, as azfx start before)', 'two processes (azfx start)'];
const results = new Map(kinds.map((kind) => [kind, []]));
console.log(`dev host CPU per request: ${path.relative(repoDir, appDir)}, GET ${requestPath}, ${requests} requests x ${values.rounds} rounds, ${concurrency} at a time\n`);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const kind of kinds) results.get(kind).push(await measure(kind));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`${'model'.padEnd(48)}${'CPU/request'.padStart(14)}${'requests/s'.padStart(12)}`);
const medians = kinds.map((kind) => {
  const cpu = median(results.get(kind).map((result) => result.cpuPerRequestUs));
  const rate = median(results.get(kind).map((result) => result.requestsPerSecond));
  console.log(`${kind.padEnd(48)}${`${cpu.toFixed(0)} µs`.padStart(14)}${rate.toFixed(0).padStart(12)}`);
  return cpu;
});
console.log(`\ntwo processes / one process, CPU per request: ${(medians[1] / medians[0]).toFixed(2)}x (medians of ${values.rounds} rounds; all processes counted)`);
