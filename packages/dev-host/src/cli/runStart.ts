import path from 'node:path';
import { HostStartupError } from '../app/HostStartupError.js';
import { startProcessHost, type ProcessHost, type ProcessHostOptions } from '../host/startProcessHost.js';
import type { StartCommand } from './parseCliArgs.js';

export const defaultCliPort = 7071;

/** The host's options for `azfx start`. */
export function hostOptions(command: StartCommand, cliEntry = process.argv[1] ?? ''): ProcessHostOptions {
  return {
    appDir: path.resolve(command.appDir),
    port: command.port,
    defaultPort: defaultCliPort,
    hostname: command.hostname,
    verbose: command.verbose,
    adminKey: command.adminKey,
    maxBodyBytes: command.maxBodyBytes,
    watch: command.watch,
    exitOnUncaughtErrors: command.exitOnUncaughtErrors,
    cliEntry,
    functions: command.functions,
    cors: command.cors,
    corsCredentials: command.corsCredentials,
    enableAuth: command.enableAuth,
  };
}

/**
 * Closes the host on the first SIGINT/SIGTERM (running invocations finish, appTerminate hooks run) and exits 0. A
 * second signal exits at once (the worker, losing its host, still stops gracefully on its own).
 */
function closeOnSignals(host: ProcessHost): void {
  let closing = false;
  const stop = (): void => {
    if (closing) {
      process.exit(130);
    }
    closing = true;
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** `azfx start`: this process hosts, a worker process runs the app. Resolves to the exit code on start-up failure. */
export async function runStart(command: StartCommand): Promise<number | undefined> {
  let host: ProcessHost;
  try {
    host = await startProcessHost(hostOptions(command));
  } catch (error: unknown) {
    printStartupError(error);
    return 1;
  }
  const mode = command.watch ? ' (watch mode: saved changes reload the app)' : '';
  process.stdout.write(`\nazfx dev host is serving ${path.resolve(command.appDir)} at ${host.url}${mode}. Press Ctrl+C to stop.\n`);
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
