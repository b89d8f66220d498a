import { devHostVersion } from './app/versions.js';
import { helpText } from './cli/helpText.js';
import { parseCliArgs, UsageError } from './cli/parseCliArgs.js';
import { stopWhenOutputCloses } from './cli/stopWhenOutputCloses.js';

/** Resolves to an exit code, or undefined while a host keeps the process running. */
async function main(args: readonly string[]): Promise<number | undefined> {
  let command;
  try {
    command = parseCliArgs(args);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      process.stderr.write(`azfx: ${error.message}\nRun \`azfx --help\` for usage.\n`);
      return 2;
    }
    throw error;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(helpText);
      return 0;
    case 'version':
      process.stdout.write(`${devHostVersion}\n`);
      return 0;
    // The host and the worker process each load only their own half (the host needs chokidar, the worker globby and
    // the loader): loading both halves in both processes added about 30 ms to every start.
    case 'worker': {
      const { runWorkerProcess } = await import('./worker/runWorkerProcess.js');
      await runWorkerProcess({
        appDir: command.start.appDir,
        verbose: command.start.verbose,
        exitOnUncaughtErrors: command.start.exitOnUncaughtErrors,
      });
      return undefined;
    }
    case 'start': {
      const { runStart } = await import('./cli/runStart.js');
      return runStart(command);
    }
  }
}

stopWhenOutputCloses();
main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) {
      process.exitCode = exitCode;
    }
  },
  (error: unknown) => {
    process.stderr.write(`azfx: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
