import { fork } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';

/**
 * Runs a script in a fresh Node process and resolves to the one message it sends back with `process.send()`.
 * Measurements run in their own processes so that one section's heap, JIT state and loaded modules cannot colour
 * another's. The child's stdout/stderr pass through, so its failures are visible.
 * @param {URL} script
 * @param {{ args?: string[]; execArgv?: string[]; env?: Record<string, string | undefined>; timeoutMs?: number }} [options]
 * @returns {Promise<unknown>}
 */
export function runChild(script, options = {}) {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = fork(script, options.args ?? [], {
      execArgv: options.execArgv ?? [],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    /** @type {{ value: unknown } | undefined} */
    let answer;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script.pathname} did not finish within ${timeoutMs} ms.`));
    }, timeoutMs);
    child.on('message', (message) => {
      answer = { value: message };
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (answer !== undefined && code === 0) resolve(answer.value);
      else reject(new Error(`${script.pathname} exited with ${signal ?? `code ${String(code)}`} before reporting a result.`));
    });
  });
}

/**
 * Sends a child's result to the parent and lets the process end once the message is out.
 * @param {unknown} result
 * @returns {Promise<void>}
 */
export function reportToParent(result) {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      resolve();
      return;
    }
    process.send(result, (error) => {
      if (error) reject(error);
      else {
        process.disconnect();
        resolve();
      }
    });
  });
}
