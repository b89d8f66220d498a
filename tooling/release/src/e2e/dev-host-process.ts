import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { startBackgroundProcess } from './background-process.js';

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
  const host = startBackgroundProcess(bin, ['start', '--port', '0'], { cwd: appDir, graceMs: 10_000 });
  const { output, stop } = host;

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // `azfx dev host is serving <dir> at http://127.0.0.1:<port>. Press Ctrl+C to stop.`
    const port = /is serving .* at https?:\/\/[^\s/]+:(\d+)/.exec(output())?.[1];
    if (port !== undefined) return { url: `http://127.0.0.1:${port}/`, output, stop };
    if (!host.isRunning()) throw new Error(`azfx start exited early:\n${output()}`);
    await delay(50);
  }
  await stop();
  throw new Error(`azfx start printed no address within ${timeoutMs} ms:\n${output()}`);
}
