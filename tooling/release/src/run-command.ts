import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command (and everything it started) after this long; a hung install must not hang the run. */
  timeoutMs?: number;
  /** Resolve with the exit code instead of throwing when the command fails (for tools that report by exit code). */
  allowFailure?: boolean;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and returns its output; a non-zero exit or a timeout throws an error that carries
 * the command and the tail of its output, so a failing step explains itself in the test report.
 *
 * Always asynchronous: a registry or a dev host served from this process's children must keep being read while
 * the command runs.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const { cwd, env = process.env, timeoutMs = 120_000, allowFailure = false } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      killProcessGroup(child.pid);
      reject(commandError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(commandError(error.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || (allowFailure && code !== null)) resolve({ exitCode: code, stdout, stderr });
      else reject(commandError(signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`));
    });

    function commandError(what: string): Error {
      return new Error(
        `\`${[command, ...args].join(' ')}\` (in ${cwd}) ${what}\n${tail('stdout', stdout)}${tail('stderr', stderr)}`,
      );
    }
  });
}

/** Signals a detached child's whole process group: npm and pnpm start children of their own. */
export function killProcessGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has already exited
  }
}

function tail(name: string, output: string): string {
  const text = output.trim();
  if (text === '') return '';
  const lines = text.split('\n');
  const shown = lines.slice(-40).join('\n');
  return `--- ${name}${lines.length > 40 ? ' (last 40 lines)' : ''} ---\n${shown}\n`;
}
