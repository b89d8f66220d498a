import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../app/logging/createLogger.js';
import { consoleLineLevel } from './worker/consoleOutput.js';

const stdoutMethods = ['log', 'info', 'debug'] as const;
const stderrMethods = ['warn', 'error'] as const;

/**
 * The in-process host's view of the app's console output: in Azure the host logs the worker's stdout and stderr, so
 * `console.log` in a function is a log line. In-process the test shares the console, so only calls made from the
 * app's own files (a stack frame under appDir, outside node_modules) are kept in the host's logs, with the levels
 * `azfx start` gives them; everything is still printed as before. Returns the undo.
 */
export function captureAppConsole(appDir: string, logger: Logger): () => void {
  const roots = [appDir, pathToFileURL(appDir).href];
  const fromApp = (): boolean => {
    const frames = (new Error().stack ?? '').split('\n').slice(3);
    return frames.some((frame) => roots.some((root) => frame.includes(root)) && !frame.includes('node_modules'));
  };
  // The exact properties to put back (test runners check the console's identity), not bound copies.
  const originals = new Map<string, PropertyDescriptor | undefined>();
  const wrap = (method: (typeof stdoutMethods)[number] | (typeof stderrMethods)[number], stream: 'stdout' | 'stderr'): void => {
    originals.set(method, Object.getOwnPropertyDescriptor(console, method));
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]): void => {
      if (fromApp()) {
        for (const line of format(...args).split('\n')) {
          logger.write({ level: consoleLineLevel(stream, line), category: 'user', source: 'worker', message: line, timestamp: new Date() });
        }
      }
      original(...args);
    };
  };
  for (const method of stdoutMethods) {
    wrap(method, 'stdout');
  }
  for (const method of stderrMethods) {
    wrap(method, 'stderr');
  }
  return () => {
    for (const [method, descriptor] of originals) {
      if (descriptor === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the method was inherited: remove our own
        delete (console as unknown as Record<string, unknown>)[method];
      } else {
        Object.defineProperty(console, method, descriptor);
      }
    }
  };
}
