import { environmentFor } from '../app/config/applyEnvironment.js';
import { readAppConfig, type AppConfig } from '../app/config/readAppConfig.js';
import { describeError } from '../app/describeError.js';
import { HostStartupError } from '../app/HostStartupError.js';
import { createLogger, type Logger } from '../app/logging/createLogger.js';
import { workerCommand } from '../app/workerProtocol.js';
import { AppGeneration } from './AppGeneration.js';
import { createHostParts } from './createHostServer.js';
import { hostEnvironment } from './hostEnvironment.js';
import { resolveHostOptions } from './hostOptions.js';
import { createRequestListener } from './http/createRequestListener.js';
import { openHostServer } from './listen.js';
import { devHostPackageName } from '../app/versions.js';
import { findLinkedPackages } from './watch/linkedPackages.js';
import { rebuildLinkedPackages } from './watch/rebuildLinkedPackages.js';
import { watchAppFiles, type AppWatcher } from './watch/watchAppFiles.js';
import { takeOverDebugging } from './worker/inspectorHandover.js';
import { WorkerProcess } from './worker/WorkerProcess.js';
import { WorkerSupervisor } from './worker/WorkerSupervisor.js';
import { consoleOutputLogger } from './worker/consoleOutput.js';

export interface ProcessHostOptions {
  readonly appDir: string;
  readonly port: number | undefined;
  /** The port when `port` is not given, after local.settings.json `Host.LocalHttpPort` (Core Tools' rule). */
  readonly defaultPort: number;
  /** `--address`; undefined: local.settings.json `Host.LocalHttpAddress`, else 127.0.0.1 (Core Tools' order). */
  readonly hostname: string | undefined;
  readonly verbose: boolean;
  readonly adminKey: string | undefined;
  readonly maxBodyBytes: number | undefined;
  readonly watch: boolean;
  /** Azure's rule: an uncaught exception or unhandled rejection ends the worker. */
  readonly exitOnUncaughtErrors: boolean;
  /** The script that runs `azfx __azfx-worker` (the CLI itself). */
  readonly cliEntry: string;
  /** azfx #14: `--functions`, `--cors`, `--cors-credentials`. */
  readonly functions?: readonly string[] | undefined;
  readonly cors?: string | undefined;
  readonly corsCredentials?: boolean | undefined;
  readonly enableAuth?: boolean | undefined;
}

export interface ProcessHost {
  /** A URL programs can use, e.g. http://127.0.0.1:7071. */
  readonly url: string;
  /** Stops intake, waits for running work (bounded), stops the worker (appTerminate hooks run). Idempotent. */
  close(): Promise<void>;
}

const drainTimeoutMs = 10_000;

/**
 * `azfx start`, with or without --watch: this process is the host (port, request checks, routing, admin API,
 * timers, logs, restarts) and the app runs in a worker process, as in Azure. Requests are served by the same code as
 * `startHost()`; only the worker connection differs. Resolves once the first worker serves, or with the start-up
 * error when it cannot start (with --watch the host stays up and waits for a change instead).
 */
export async function startProcessHost(options: ProcessHostOptions): Promise<ProcessHost> {
  const resolved = resolveHostOptions({
    ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const logger = createLogger({ quiet: false, verbose: options.verbose, keepRecords: false });
  const { appDir, requests, invocations, shutdown, server, streamAgent } = await createHostParts(options.appDir, resolved, logger);

  try {
    let config = await readAppConfig(appDir);
    logger.applyLogLevels(config.host.logLevels); // azfx #14
    const hostname = options.hostname ?? config.localHost.address ?? resolved.hostname;
    const { url, publicUrl } = await openHostServer(server, options.port ?? config.localHttpPort ?? options.defaultPort, hostname, shutdown, logger);
    const settings = {
      logger,
      maxBodyBytes: resolved.maxBodyBytes,
      adminKey: options.adminKey,
      url,
      isShuttingDown: () => shutdown.started,
      // azfx #14: the host's rules for the app; after a function timeout the worker restarts, as the host does.
      policy: {
        functions: options.functions,
        cors: options.cors,
        corsCredentials: options.corsCredentials,
        maxBodyBytesOption: options.maxBodyBytes,
        enableAuth: options.enableAuth,
        onFunctionTimeout: () => void supervisor.reload(),
      },
    };
    const debugging = takeOverDebugging(process.execArgv, process.env.NODE_OPTIONS);
    if (debugging.address !== undefined) {
      logger.host('information', `The debugger port ${debugging.address} is the app's: the worker process listens on it (the host gave it up).`);
    }
    // The admin key stays in the host: the worker (the app's code) gets neither the variable nor the argument.
    const hostEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'AZFX_ADMIN_KEY'));
    // Each reload computes the environment again (local.settings.json may have changed); a warning is printed once.
    const warned = new Set<string>();
    const warnOnce: Logger = {
      get records() {
        return logger.records;
      },
      write: logger.write,
      captureInvocationLogs: logger.captureInvocationLogs,
      applyLogLevels: logger.applyLogLevels,
      host: (level, message, scope) => {
        if (!warned.has(message)) {
          warned.add(message);
          logger.host(level, message, scope);
        }
      },
    };
    const workerEnvFor = (appConfig: AppConfig): NodeJS.ProcessEnv => {
      const environment = hostEnvironment(appConfig, warnOnce, new URL(publicUrl).host);
      const merged = environmentFor(hostEnv, environment.settings, environment.defaults);
      environment.reportSkipped(merged.skippedSettings);
      return { ...merged.env, NODE_OPTIONS: debugging.nodeOptions };
    };
    let workerEnv = workerEnvFor(config);
    const workerArgs = [workerCommand, appDir, ...(options.verbose ? ['--verbose'] : []), ...(options.exitOnUncaughtErrors ? [] : ['--survive-uncaught-errors'])];

    let lastListing = '';
    const supervisor: WorkerSupervisor = new WorkerSupervisor({
      logger,
      // azfx #14: the worker's console output becomes log lines, as the host logs a worker's stdout and stderr.
      spawn: () => new WorkerProcess({ entry: options.cliEntry, args: workerArgs, env: workerEnv, execArgv: debugging.execArgv, output: consoleOutputLogger(logger) }),
      index: (worker) => new AppGeneration(worker.functions, worker.httpUri, config, workerEnv, settings, invocations, () => supervisor.connect()),
      onServing: (generation) => {
        const listing = generation.listing(publicUrl);
        if (listing.join('\n') !== lastListing) {
          lastListing = listing.join('\n');
          for (const line of listing) {
            logger.host('information', line);
          }
          for (const warning of generation.warnings) {
            logger.host('warning', warning);
          }
        }
      },
      onStartFailed: (message) => {
        logger.host('error', `The app cannot start.\n${message}${options.watch ? '\nWaiting for a change to reload.' : ''}`);
      },
      drainTimeoutMs,
      waitForChangeAfterFailedStart: options.watch,
      handsOverInspector: debugging.address !== undefined,
    });
    shutdown.release(() => supervisor.stop());
    shutdown.onStop(() => {
      supervisor.cancelRetries();
    });
    server.on('request', createRequestListener({ context: () => supervisor.current(), logger, fallbackHost: new URL(url).host, streamAgent, requests }));

    const failure = await supervisor.start();
    if (failure !== undefined) {
      if (!options.watch) {
        throw new HostStartupError(failure);
      }
      logger.host('error', `The app cannot start.\n${failure}\nWaiting for a change to reload.`);
    }

    if (options.watch) {
      let watchedMain = config.main;
      let watchedDirectories = config.host.watchDirectories.join('\n'); // azfx #14
      const onChange = (changed: string): void => {
        logger.host('information', `${changed} changed: reloading the app.`);
        void readAppConfig(appDir).then(
          async (next) => {
            config = next;
            logger.applyLogLevels(next.host.logLevels); // azfx #14
            workerEnv = workerEnvFor(next);
            const nextDirectories = next.host.watchDirectories.join('\n');
            if ((next.main !== watchedMain || nextDirectories !== watchedDirectories) && !shutdown.started) {
              watchedDirectories = nextDirectories;
              // A new "main" may reach into other folders: watch what it matches now.
              watchedMain = next.main;
              await watcher.close();
              watcher = watchAppFiles(appDir, watchedMain, onChange, undefined, next.host.watchDirectories);
            }
            await supervisor.reload();
          },
          // The new worker reports what is wrong with the configuration.
          () => supervisor.reload(),
        );
      };
      let watcher: AppWatcher = watchAppFiles(appDir, config.main, onChange, undefined, config.host.watchDirectories);
      shutdown.onStop(() => watcher.close());
      const linked = findLinkedPackages(appDir, new Set([devHostPackageName]));
      if (linked.length > 0) {
        logger.host('information', `Watching the source of linked packages: ${linked.map((pkg) => pkg.name).join(', ')} (a change rebuilds the package and reloads the app).`);
        const rebuilder = rebuildLinkedPackages(linked, logger, (work) => supervisor.reloadAfter(work));
        shutdown.onStop(() => rebuilder.close());
        await rebuilder.ready;
      }
      await watcher.ready;
    }
    return {
      url,
      close: async () => {
        if (!shutdown.started) {
          logger.host('information', 'Stopping the host: no new connections; waiting for running invocations.');
        }
        await shutdown.run(drainTimeoutMs);
      },
    };
  } catch (error: unknown) {
    await shutdown.run(resolved.shutdownTimeoutMs);
    if (error instanceof HostStartupError) {
      throw error;
    }
    throw new HostStartupError(`The dev host failed to start: ${describeError(error)}`, { cause: error });
  }
}
