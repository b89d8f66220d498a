import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { killProcessGroup } from '../run-command.js';

export interface DevHostProcess {
  /** The base URL the host listens on, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts an installed app with the dev host's own CLI (`node_modules/.bin/azfx start`), on a port the OS picks,
 * and resolves once the host says where it is serving. The host binds 127.0.0.1 unless told otherwise.
 */
export async function startDevHost(appDir: string, timeoutMs = 60_000): Promise<DevHostProcess> {
  const bin = path.join(appDir, 'node_modules', '.bin', 'azfx');
  const child = spawn(bin, ['start', '--port', '0'], { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killProcessGroup(child.pid, 'SIGTERM');
    const gone = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
    if (!gone) killProcessGroup(child.pid, 'SIGKILL');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // `azfx dev host is serving <dir> at http://127.0.0.1:<port>. Press Ctrl+C to stop.`
    const port = /is serving .* at https?:\/\/[^\s/]+:(\d+)/.exec(output)?.[1];
    if (port !== undefined) return { url: `http://127.0.0.1:${port}/`, output: () => output, stop };
    if (child.exitCode !== null) throw new Error(`azfx start exited with ${child.exitCode}:\n${output}`);
    await delay(50);
  }
  await stop();
  throw new Error(`azfx start printed no address within ${timeoutMs} ms:\n${output}`);
}
