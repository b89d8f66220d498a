import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cliPath } from './fixtures.js';
import { waitFor } from './waitFor.js';

export function ensureBuilt(): void {
  if (!existsSync(path.join(path.dirname(cliPath), '..', 'dist', 'cli.mjs'))) {
    throw new Error('The CLI is not built: run `pnpm --filter @azfx/dev-host build` first.');
  }
}

export interface CliRun {
  readonly child: ChildProcess;
  output(): string;
  errors(): string;
  exited: Promise<number | null>;
}

/** Runs the built `azfx` CLI as users do, collecting its output. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = []): CliRun {
  ensureBuilt();
  const child = spawn(process.execPath, [...nodeArgs, cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    resolve(code);
  }));
  return { child, output: () => stdout, errors: () => stderr, exited };
}

/** Waits for a line of output matching `pattern` and returns its first capture group. */
export function waitForOutput(run: CliRun, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return waitFor(`output matching ${String(pattern)}`, () => {
    const match = pattern.exec(run.output());
    return match ? (match[1] ?? match[0]) : undefined;
  }, timeoutMs);
}
