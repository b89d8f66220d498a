import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSourceFiles } from '../workspace.mjs';

/** The repository these tests live in. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The files a clone would have, plus whatever is new and not ignored (work in progress counts: the copy must be
 * the repository as it stands). Outside git, the same walk the rename uses.
 */
function filesToCopy(root: string): string[] {
  const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  const files = git.status === 0 ? git.stdout.split('\0').filter(Boolean) : listSourceFiles(root);
  return files.filter((file) => existsSync(join(root, file))); // deleted but still tracked
}

/**
 * A copy of the repository in a temporary folder, without node_modules or build output: what someone gets from
 * `git clone`. Install into it with `pnpm install --offline` (fast: pnpm links from its store).
 */
export function copyWorkspace(source = REPO_ROOT): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'azfx-starter-copy-'));
  for (const file of filesToCopy(source)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(source, file), join(root, file));
  }
  return { root, remove: () => { rmSync(root, { recursive: true, force: true }); } };
}

export interface StepResult {
  status: number | null;
  stdout: string;
  /** stdout and stderr together, for error messages. */
  output: string;
}

/**
 * The environment of a command someone runs by hand: without the variables of the vitest run around this test,
 * which would leak into the nested one (worker ids, `NODE_ENV=test`). `CI` stays, so steps must say
 * `--no-frozen-lockfile` where they expect the lockfile to change (pnpm freezes it by default under CI).
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') Reflect.deleteProperty(env, key);
  }
  return env;
}

/**
 * Runs one step in the copy and returns its combined output; `step` throws with that output when the command fails,
 * so a failing step explains itself in the test report.
 */
export function run(cwd: string, command: string, args: readonly string[], timeoutMs = 240_000): StepResult {
  const result = spawnSync(command, args, { cwd, env: cleanEnvironment(), encoding: 'utf8', timeout: timeoutMs });
  const output = `${result.stdout}${result.stderr}${result.error ? `\n${result.error.message}` : ''}`;
  return { status: result.status, stdout: result.stdout, output };
}

export function step(cwd: string, command: string, args: readonly string[], timeoutMs?: number): StepResult {
  const result = run(cwd, command, args, timeoutMs);
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${String(result.status)} in ${cwd}:\n${result.output}`);
  }
  return result;
}
