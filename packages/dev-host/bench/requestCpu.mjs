#!/usr/bin/env node
// Per-request CPU of the dev host, side by side with the floors it is built on: the same requests to each server,
// the CPU time of every process involved (host and worker; from /proc). The rows:
//   node:http                                bare node:http answering the same text
//   node:http + @azure/functions             plus what the app's own library spends converting the request and
//                                            response (the one-process host's floor)
//   node:http + IPC + @azure/functions       the library's part in a child process behind one IPC round trip (the
//                                            two-process host's floor)
//   one process (startHost)                  the host and the app in one process
//   two processes (azfx start)               the host process routes, the worker process runs the app
//   two processes, before (--before DIR)     `azfx start` from another build of this package (DIR holds bin/, dist/)
// The dev host's own CPU is its row minus its floor. Plain node, not a test, Linux only:
// `node bench/requestCpu.mjs [appDir] [--path P] [--requests N] [--rounds N] [--before DIR]` after building.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
/* global fetch */

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.join(benchDir, '..');
const repoDir = path.join(packageDir, '..', '..');
const cliPath = path.join(packageDir, 'bin', 'azfx.js');
const indexPath = path.join(packageDir, 'dist', 'index.mjs');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    path: { type: 'string', default: '/api/HttpTrigger?name=bench' },
    before: { type: 'string' },
  },
});
const appDir = path.resolve(positionals[0] ?? path.join(benchDir, 'fixtures', 'tiny-app'));
const requestPath = values.path;
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

const floors = [
  { name: 'node:http', args: [path.join(benchDir, 'baselineServers.mjs'), 'bare'] },
  { name: 'node:http + @azure/functions', args: [path.join(benchDir, 'baselineServers.mjs'), 'library'] },
  { name: 'node:http + IPC + @azure/functions', args: [path.join(benchDir, 'baselineServers.mjs'), 'library-ipc'] },
];
const hosts = [
  {
    name: 'one process (startHost)',
    args: [
      '--input-type=module',
      '-e',
      `const { startHost } = await import(${JSON.stringify(pathToFileURL(indexPath).href)});
       const host = await startHost({ appDir: ${JSON.stringify(appDir)}, quiet: false });
       console.log('serving at ' + host.url + '.');
       process.on('SIGTERM', () => host.close().then(() => process.exit(0)));`,
    ],
  },
  ...(values.before === undefined ? [] : [{ name: 'two processes, before', args: [path.join(path.resolve(values.before), 'bin', 'azfx.js'), 'start', appDir, '--port', '0'] }]),
  { name: 'two processes (azfx start)', args: [cliPath, 'start', appDir, '--port', '0'] },
];

function startServer({ name, args }) {
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
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
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

const kinds = [...floors, ...hosts];
const results = new Map(kinds.map((kind) => [kind.name, []]));
console.log(`dev host CPU per request: ${path.relative(repoDir, appDir)}, GET ${requestPath}, ${requests} requests x ${values.rounds} rounds, ${concurrency} at a time\n`);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const kind of kinds) results.get(kind.name).push(await measure(kind));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const cpu = new Map(kinds.map((kind) => [kind.name, median(results.get(kind.name).map((result) => result.cpuPerRequestUs))]));
console.log(`${'server'.padEnd(44)}${'CPU/request'.padStart(14)}${'requests/s'.padStart(12)}`);
for (const kind of kinds) {
  const rate = median(results.get(kind.name).map((result) => result.requestsPerSecond));
  console.log(`${kind.name.padEnd(44)}${`${cpu.get(kind.name).toFixed(0)} µs`.padStart(14)}${rate.toFixed(0).padStart(12)}`);
}
const own = (host, floor) => `${(cpu.get(host) - cpu.get(floor)).toFixed(0)} µs`;
console.log('\nthe dev host\'s own CPU per request (its row minus its floor):');
console.log(`${'one process (startHost)'.padEnd(44)}${own('one process (startHost)', 'node:http + @azure/functions').padStart(14)}`);
if (values.before !== undefined) console.log(`${'two processes, before'.padEnd(44)}${own('two processes, before', 'node:http + IPC + @azure/functions').padStart(14)}`);
console.log(`${'two processes (azfx start)'.padEnd(44)}${own('two processes (azfx start)', 'node:http + IPC + @azure/functions').padStart(14)}`);
console.log(`\nthe IPC round trip alone: ${own('node:http + IPC + @azure/functions', 'node:http + @azure/functions')}; the app's @azure/functions: ${own('node:http + @azure/functions', 'node:http')} (medians of ${values.rounds} rounds; all processes counted)`);
