#!/usr/bin/env node
// A large streamed upload (chunked, no Content-Length), side by side: `node bench/largeUpload.mjs [--mib 128]
// [--rounds 3]` after building (Linux: peak memory comes from /proc). Each server runs in a process of its own, answers
// the byte count and SHA-256 of the body, and has a body limit above the upload:
//   node:http    reads the body into one Buffer and hashes it: the floor, since the host hands the worker the whole body
//   startHost()  the dev host in one process, with fixtures/upload-app
//   azfx start   the dev host's host and worker processes: the body crosses to the worker in one IPC message
// The client (this process) streams generated 64 KiB chunks and checks the answer. Printed: the median time of an
// upload, its ratio to the floor, and the peak resident memory (VmHWM) of the server's processes, summed.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = path.join(packageDir, 'bin', 'azfx.js');
const indexPath = path.join(packageDir, 'dist', 'index.mjs');
const appDir = path.join(packageDir, 'bench', 'fixtures', 'upload-app');
const { values } = parseArgs({ options: { mib: { type: 'string', default: '128' }, rounds: { type: 'string', default: '3' } } });
const total = Number(values.mib) * 1024 * 1024;
const limit = String(total * 2);

if (!existsSync(indexPath)) {
  console.error('Build the dev host first: pnpm --filter @azfx/dev-host build');
  process.exit(1);
}

const floorServer = `
const { createServer } = require('node:http');
const { createHash } = require('node:crypto');
createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.end(body.byteLength + ' ' + createHash('sha256').update(body).digest('hex'));
  });
}).listen(0, '127.0.0.1', function () { console.log('serving at http://127.0.0.1:' + this.address().port + '.'); });`;

const inProcessHost = `
import(${JSON.stringify(pathToFileURL(indexPath).href)}).then(async ({ startHost }) => {
  const host = await startHost({ appDir: ${JSON.stringify(appDir)}, port: 0, maxBodyBytes: ${limit} });
  console.log('serving at ' + host.url + '.');
});`;

const servers = {
  'node:http': ['-e', floorServer],
  'startHost()': ['-e', inProcessHost],
  'azfx start': [cliPath, 'start', appDir, '--port', '0', '--max-body-size', limit],
};

/** Starts a server process and resolves with it and its URL once it says where it serves. */
function startServer(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: limit } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\./.exec(output);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** The server's process and its children (the worker of `azfx start`). */
function processTree(pid) {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

function peakMemoryMiB(pid) {
  return processTree(pid)
    .map((id) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))[1]) / 1024)
    .reduce((sum, value) => sum + value, 0);
}

function* chunks(hash) {
  for (let sent = 0, index = 0; sent < total; sent += 64 * 1024, index++) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, total - sent), index % 251);
    chunk.writeUInt32BE(index, 0);
    hash.update(chunk);
    yield chunk;
  }
}

function upload(url) {
  const hash = createHash('sha256');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/upload`, { method: 'POST' }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (part) => (text += part));
      res.on('end', () => {
        const expected = `${total} ${hash.digest('hex')}`;
        if (res.statusCode !== 200 || text !== expected) reject(new Error(`got ${res.statusCode} "${text}", expected "${expected}"`));
        else resolve(performance.now() - started);
      });
    });
    req.on('error', reject);
    Readable.from(chunks(hash)).pipe(req);
  });
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
const results = [];
for (const [name, args] of Object.entries(servers)) {
  const times = [];
  const memory = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    // A fresh server for every upload, so that its peak memory is this upload's.
    const { child, url } = await startServer(args);
    try {
      times.push(await upload(url));
      memory.push(peakMemoryMiB(child.pid));
    } finally {
      child.removeAllListeners('exit');
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  results.push({ name, ms: median(times), mib: median(memory) });
}
const floor = results[0].ms;
console.log(`${values.mib} MiB streamed upload, median of ${values.rounds}:`);
for (const { name, ms, mib } of results) {
  console.log(`  ${name.padEnd(12)} ${String(Math.round(ms)).padStart(6)} ms  ${(ms / floor).toFixed(1).padStart(5)}x  peak RSS ${String(Math.round(mib)).padStart(5)} MiB`);
}
