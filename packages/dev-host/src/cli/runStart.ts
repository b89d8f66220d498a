import path from 'node:path';
import { HostStartupError } from '../host/HostStartupError.js';
import { startAppHost } from '../host/startHost.js';
import type { Host } from '../host/publicTypes.js';
import type { StartCommand } from './parseCliArgs.js';

export const defaultCliPort = 7071;

/** Options shared by `azfx start` and the app process of `azfx start --watch`. */
export function hostOptions(command: StartCommand): Parameters<typeof startAppHost>[0] {
  return {
    appDir: path.resolve(command.appDir),
    ...(command.port === undefined ? { defaultPort: defaultCliPort } : { port: command.port }),
    hostname: command.hostname,
    quiet: false,
    verbose: command.verbose,
    ...(command.adminKey === undefined ? {} : { adminKey: command.adminKey }),
    ...(command.maxBodyBytes === undefined ? {} : { maxBodyBytes: command.maxBodyBytes }),
    // One app per process: no need to load ES modules under fresh URLs.
    isolateModules: false,
  };
}

/**
 * The app's own bugs (an unawaited promise that rejects, a throw in a timer callback) would end the process. The
 * worker reports them and the host restarts it; here we report them and keep serving.
 */
export function reportUncaughtErrors(): void {
  const report = (kind: string) => (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`[${new Date().toISOString()}] ${kind} in the app (the host keeps running): ${text}\n`);
  };
  process.on('uncaughtException', report('Uncaught exception'));
  process.on('unhandledRejection', report('Unhandled promise rejection'));
}

/** Closes the host on SIGINT/SIGTERM (running invocations finish, appTerminate hooks run) and exits 0. */
export function closeOnSignals(host: Host, onClosed: () => void = () => process.exit(0)): void {
  let closing = false;
  const stop = (): void => {
    if (closing) {
      return;
    }
    closing = true;
    host.close().then(onClosed, (error: unknown) => {
      process.stderr.write(`Stopping failed: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** `azfx start` without --watch: the app runs in this process. Resolves to the exit code on start-up failure. */
export async function runStart(command: StartCommand): Promise<number | undefined> {
  reportUncaughtErrors();
  let host: Host;
  try {
    host = await startAppHost(hostOptions(command));
  } catch (error: unknown) {
    printStartupError(error);
    return 1;
  }
  process.stdout.write(`\nazfx dev host is serving ${path.resolve(command.appDir)} at ${host.url}. Press Ctrl+C to stop.\n`);
  closeOnSignals(host);
  return undefined;
}

export function printStartupError(error: unknown): void {
  if (error instanceof HostStartupError) {
    process.stderr.write(`\nThe app cannot start.\n${error.message}\n`);
  } else {
    process.stderr.write(`\nThe app cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
