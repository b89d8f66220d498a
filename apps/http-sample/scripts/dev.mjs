#!/usr/bin/env node
// `pnpm dev`: compiles the app once, then keeps TypeScript compiling (`tsc --watch`) and runs the app on the dev
// host (`azfx start --watch`, which reloads when dist/ changes). Ctrl+C stops both; if either stops on its own,
// the other is stopped too, and the exit code says what happened. Extra arguments go to `azfx start`.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(appDir, 'package.json'));
const tsc = require.resolve('typescript/bin/tsc');
const devHostManifest = require.resolve('@azfx/dev-host/package.json');
const azfx = join(dirname(devHostManifest), JSON.parse(readFileSync(devHostManifest, 'utf8')).bin.azfx);
// Incremental, so that tsc --watch starts from what the first build wrote instead of emitting every file again
// (which would make the host reload right after it started).
const tscArgs = [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'];

// The host needs compiled files before it starts; type errors are reported here and again by tsc --watch, but
// tsc still emits, so the host can start and the next save fixes things.
spawnSync(process.execPath, tscArgs, { cwd: appDir, stdio: 'inherit' });

// On POSIX each child gets its own process group, so a terminal's Ctrl+C reaches only this script, which passes
// it on exactly once (a second SIGINT would make the dev host skip its graceful shutdown).
const ownGroup = process.platform !== 'win32';
const children = [
  spawn(process.execPath, [...tscArgs, '--watch', '--preserveWatchOutput'], {
    cwd: appDir,
    stdio: 'inherit',
    detached: ownGroup,
  }),
  spawn(process.execPath, [azfx, 'start', '--watch', ...process.argv.slice(2)], {
    cwd: appDir,
    stdio: 'inherit',
    detached: ownGroup,
  }),
];

let stopping = false;
let exitCode = 0;

function stopAll(signal) {
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stopAll(signal));
}
// Whatever ends this script, the children must not outlive it.
process.on('exit', () => stopAll('SIGTERM'));

let running = children.length;
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      exitCode = code ?? 1;
      stopAll('SIGTERM');
    }
    running -= 1;
    if (running === 0) process.exit(exitCode);
  });
}
