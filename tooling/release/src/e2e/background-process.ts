import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { killProcessGroup } from '../run-command.js';

export interface BackgroundProcess {
  /** Everything it printed, stdout and stderr interleaved: for failure messages and for what it announces. */
  readonly output: () => string;
  readonly isRunning: () => boolean;
  /** SIGTERM to its whole process group, SIGKILL after `graceMs`; resolves once it has exited. Safe to call twice. */
  readonly stop: () => Promise<void>;
}

export interface BackgroundProcessOptions {
  readonly cwd: string;
  readonly graceMs: number;
  /**
   * Give it a stdin pipe that closes when this process dies: a service that stops when its stdin ends cannot
   * outlive a crashed test run. `stop()` closes it too.
   */
  readonly stdinLifeline?: boolean;
}

/**
 * Starts a service for a test (a registry, a dev host) in a process group of its own, so that stopping it also
 * stops whatever it started, pass or fail.
 */
export function startBackgroundProcess(command: string, args: readonly string[], options: BackgroundProcessOptions): BackgroundProcess {
  const stdin = options.stdinLifeline === true ? 'pipe' : 'ignore';
  const child = spawn(command, args, { cwd: options.cwd, stdio: [stdin, 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (isRunning()) {
        killProcessGroup(child.pid, 'SIGTERM');
        const gone = await Promise.race([exited.then(() => true), delay(options.graceMs).then(() => false)]);
        if (!gone) killProcessGroup(child.pid, 'SIGKILL');
        await exited;
      }
      child.stdin?.destroy();
    })());

  return { output: () => output, isRunning, stop };
}
