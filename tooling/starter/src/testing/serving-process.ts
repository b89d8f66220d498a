import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ServingProcess {
  /** Where it serves, e.g. `http://localhost:41234`. */
  readonly url: string;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves once something matching `pattern` has been printed after `from` (an offset into `output()`). */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  /** Ctrl+C as a terminal sends it (SIGINT to the whole process group), SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** `pnpm dev` as the guide runs it. */
export type PnpmDev = ServingProcess;

/**
 * `pnpm dev` in a copy of the repository, as the guide runs it, except on a port the system picks (`-- --port 0`):
 * 7071 may be in use. Resolves once the sample app has listed its functions.
 */
export async function startPnpmDev(root: string, env: NodeJS.ProcessEnv): Promise<PnpmDev> {
  const dev = await startServing('pnpm', ['dev', '--', '--port', '0'], { cwd: root, env, ready: /is serving .* at (https?:\/\/[^\s/]+:\d+) \(watch mode/ });
  try {
    await dev.waitFor(/Functions:/);
    return dev;
  } catch (error) {
    await dev.stop();
    throw error;
  }
}

/**
 * `azfx start <appDir> --port 0` with the dev host of the given repository copy: an app outside the workspace, as a
 * customer runs it. Resolves once the host says where it serves.
 */
export function startAzfx(root: string, appDir: string, env: NodeJS.ProcessEnv): Promise<ServingProcess> {
  const azfx = `${root}/packages/dev-host/bin/azfx.js`;
  return startServing(process.execPath, [azfx, 'start', appDir, '--port', '0'], {
    cwd: appDir,
    env,
    ready: /is serving .* at (https?:\/\/[^\s/]+:\d+)/,
  });
}

interface ServingOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** What it prints once it serves; the first group is its URL. */
  readonly ready: RegExp;
}

/**
 * Starts a command that serves HTTP in a process group of its own (so that stopping it stops what it started), and
 * resolves once it prints `ready`. Waits are driven by what it prints, with a generous ceiling for a busy machine.
 */
async function startServing(command: string, args: readonly string[], options: ServingOptions, timeoutMs = 240_000): Promise<ServingProcess> {
  const { cwd, env } = options;
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: string) => {
    output += chunk;
    for (const check of waiters) check();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const exited = once(child, 'exit');
  let running = true;
  void exited.then(() => {
    running = false;
    for (const check of waiters) check();
  });

  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(() => {
          reject(new Error(`${command} printed nothing matching ${String(pattern)} within ${String(timeoutMs)} ms:\n${output}`));
        });
      }, timeoutMs);
      const settle = (action: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        action();
      };
      const check = () => {
        const match = pattern.exec(output.slice(from));
        if (match !== null) {
          settle(() => {
            resolve(match);
          });
        } else if (!running) {
          settle(() => {
            reject(new Error(`${command} exited before printing ${String(pattern)}:\n${output}`));
          });
        }
      };
      waiters.add(check);
      check();
    });

  const stop = async (graceMs = 30_000) => {
    if (!running || child.pid === undefined) return;
    const pid = child.pid;
    process.kill(-pid, 'SIGINT');
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Gone between the check and the kill.
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };

  try {
    const [, url = ''] = await waitFor(options.ready);
    return { url, output: () => output, waitFor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
