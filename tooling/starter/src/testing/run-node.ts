import { spawnSync } from 'node:child_process';

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script the way a person would from a shell in `cwd`, and collects what it printed. */
export function runNode(script: string, args: readonly string[], cwd: string): CommandResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
