import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** @typedef {{ readyMs: number; firstResponseMs: number }} StartSample */

const require = createRequire(import.meta.url);
const azfxBin = path.join(path.dirname(require.resolve('@azfx/dev-host/package.json')), 'bin', 'azfx.js');

export const startVariants = /** @type {const} */ ([
  { name: 'sample app (timer + request-id)', appDir: fileURLToPath(new URL('../../../../apps/http-sample', import.meta.url)), env: {} },
  {
    name: 'bench app, no extension',
    appDir: fileURLToPath(new URL('../../fixtures/bench-app', import.meta.url)),
    env: { BENCH_EXTENSIONS: 'none' },
  },
]);

/**
 * `azfx start <app> --port 0` in a fresh process, timed from spawning it to the line saying it serves (ready) and
 * to the first answer of GET /api/HttpTrigger?name=Azure: what a developer waits for after `pnpm dev`.
 * @param {{ appDir: string; env: Record<string, string> }} variant
 * @returns {Promise<StartSample>}
 */
async function startOnce(variant) {
  const start = performance.now();
  const child = spawn(process.execPath, [azfxBin, 'start', variant.appDir, '--port', '0'], {
    env: { ...process.env, AZFX_EXTENSIONS_DISABLED: '', ...variant.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (/** @type {string} */ chunk) => {
        output += chunk;
        const match = /serving .* at (http:\/\/\S+?)\.? Press/.exec(output);
        if (match) resolve(match[1]);
      });
      void exited.then(() => {
        reject(new Error(`azfx start ${variant.appDir} exited before serving:\n${output}`));
      });
    });
    const readyMs = performance.now() - start;
    const response = await globalThis.fetch(`${String(url)}/api/HttpTrigger?name=Azure`);
    await response.arrayBuffer();
    const firstResponseMs = performance.now() - start;
    if (response.status !== 200) throw new Error(`azfx start ${variant.appDir}: first response was ${response.status}.`);
    return { readyMs, firstResponseMs };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The floor every start pays: a bare `node -e ""` from spawn to exit.
 * @returns {Promise<number>}
 */
async function bareNode() {
  const start = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - start;
}

/**
 * @param {{ runs: number }} settings
 * @returns {Promise<{ starts: Record<string, StartSample[]>; bareNodeMs: number[] }>}
 */
export async function measureFirstResponse(settings) {
  /** @type {Record<string, StartSample[]>} */
  const starts = {};
  /** @type {number[]} */
  const bareNodeMs = [];
  for (let run = 0; run < settings.runs; run++) {
    bareNodeMs.push(await bareNode());
    for (let offset = 0; offset < startVariants.length; offset++) {
      const variant = startVariants[(run + offset) % startVariants.length];
      if (variant !== undefined) (starts[variant.name] ??= []).push(await startOnce(variant));
    }
  }
  return { starts, bareNodeMs };
}
