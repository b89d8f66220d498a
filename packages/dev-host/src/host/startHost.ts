import { realpath } from 'node:fs/promises';
import { Agent, Server as HttpServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import path from 'node:path';
import { createCoreApi } from '../core/createCoreApi.js';
import { provideCoreModule } from '../core/installCoreModule.js';
import { createRequestListener } from '../http/createRequestListener.js';
import type { ServerContext } from '../http/ServerContext.js';
import { applyEnvironment } from '../loader/applyEnvironment.js';
import { forceDevelopmentEnvironment } from '../loader/forceDevelopmentEnvironment.js';
import { ModuleSession } from '../loader/moduleSession.js';
import { readAppConfig } from '../loader/readAppConfig.js';
import { createLogger } from '../logging/createLogger.js';
import { FunctionRetries } from '../retry/FunctionRetries.js';
import { readRetryPolicies } from '../retry/retryPolicy.js';
import type { RetryScheduler } from '../retry/retryScheduler.js';
import { TimerScheduler } from '../timers/TimerScheduler.js';
import { WorkerApp } from '../worker/WorkerApp.js';
import { AppRuntime } from './AppRuntime.js';
import { DevHost } from './DevHost.js';
import { createHostServer } from './createHostServer.js';
import { HostStartupError } from './HostStartupError.js';
import { InFlightWork } from './InFlightWork.js';
import { bindWarning } from './bindWarning.js';
import { listen, urlHost } from './listen.js';
import { indexFunctions } from './indexFunctions.js';
import { describeForUsers, listingLines } from './listing.js';
import { claimProcessSlot } from './processSlot.js';
import type { Host, StartHostOptions } from './publicTypes.js';
import { startWorkerApp } from './startWorkerApp.js';

/** Closes servers the app's programming model started, waiting until they are closed. */
async function closeServers(servers: readonly NetServer[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) {
            resolve();
            return;
          }
          server.close(() => {
            resolve();
          });
          if (server instanceof HttpServer) {
            server.closeAllConnections();
          }
        }),
    ),
  );
}

/** Options the CLI needs on top of the public ones. */
export interface InternalHostOptions {
  /**
   * Load ES modules under a fresh URL so this process can load the app again later (default true). The CLI runs
   * one app per process and turns it off.
   */
  readonly isolateModules?: boolean;
  /** The URL users reach the app at, when it differs from where this host listens (the CLI's watch proxy). */
  readonly publicUrl?: string;
  /**
   * The port when `port` is not given, after local.settings.json `Host.LocalHttpPort` (Core Tools' rule). Without it
   * (the in-process API) an omitted port means any free port and LocalHttpPort is not used.
   */
  readonly defaultPort?: number;
  /** Waits out retry delays (tests record the delays and end the waits themselves). Default: real timers. */
  readonly retryScheduler?: RetryScheduler;
}

const defaults = {
  hostname: '127.0.0.1',
  maxBodyBytes: 100 * 1024 * 1024,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 300_000,
  shutdownTimeoutMs: 10_000,
};

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new HostStartupError(`Option ${name} must be a positive number (got ${String(value)}).`);
  }
  return value;
}

function validatePort(port: number | undefined): void {
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new HostStartupError(`Option port must be an integer from 0 to 65535 (got ${String(port)}).`);
  }
}

/**
 * Starts an Azure Functions v4 app the way Core Tools does, in this process: reads its configuration, serves the
 * worker's core API, loads `main`, runs appStart hooks, indexes its functions and routes, listens for HTTP and
 * starts its timers. Rejects with a HostStartupError that says what to fix.
 */
export function startHost(options: StartHostOptions): Promise<Host> {
  return startAppHost(options);
}

/** `startHost` with the options only the CLI uses. */
export async function startAppHost(options: StartHostOptions & InternalHostOptions): Promise<Host> {
  if (typeof options.appDir !== 'string' || options.appDir === '') {
    throw new HostStartupError('startHost() needs appDir: the folder of the function app, e.g. startHost({ appDir: "apps/my-app" }).');
  }
  const hostname = options.hostname ?? defaults.hostname;
  validatePort(options.port);
  const maxBodyBytes = positiveOption('maxBodyBytes', options.maxBodyBytes, defaults.maxBodyBytes);
  const headersTimeoutMs = positiveOption('headersTimeoutMs', options.headersTimeoutMs, defaults.headersTimeoutMs);
  const requestTimeoutMs = Math.max(positiveOption('requestTimeoutMs', options.requestTimeoutMs, defaults.requestTimeoutMs), headersTimeoutMs);
  const shutdownTimeoutMs = positiveOption('shutdownTimeoutMs', options.shutdownTimeoutMs, defaults.shutdownTimeoutMs);
  const logger = createLogger({ quiet: options.quiet ?? true, verbose: options.verbose ?? false });

  const resolvedDir = path.resolve(options.appDir);
  const appDir = await realpath(resolvedDir).catch(() => resolvedDir);
  const cleanups: (() => void | Promise<void>)[] = [claimProcessSlot(appDir)];
  const server = createHostServer({ headersTimeoutMs, requestTimeoutMs });
  const streamAgent = new Agent({ keepAlive: true });
  const inFlight = new InFlightWork();
  let resolveContext: (context: ServerContext) => void = () => undefined;
  let rejectContext: (error: unknown) => void = () => undefined;
  const contextReady = new Promise<ServerContext>((resolve, reject) => {
    resolveContext = resolve;
    rejectContext = reject;
  });
  contextReady.catch(() => undefined);

  try {
    const config = await readAppConfig(appDir);
    const port = options.port ?? (options.defaultPort === undefined ? 0 : (config.localHttpPort ?? options.defaultPort));
    const bound = await listen(server, port, hostname);
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    server.on('error', (error) => {
      logger.host('error', `HTTP server error: ${error.message}`);
    });
    const url = `http://${urlHost(bound.address, false)}:${bound.port}`;
    const publicUrl = (options.publicUrl ?? `http://${urlHost(bound.address, true)}:${bound.port}`).replace(/\/+$/, '');
    server.on(
      'request',
      createRequestListener({ context: contextReady, logger, fallbackHost: new URL(url).host, streamAgent, inFlight }),
    );
    const warning = bindWarning(hostname);
    if (warning !== undefined) {
      logger.host('warning', warning);
    }

    const development = forceDevelopmentEnvironment(config.settings);
    if (development.warning !== undefined) {
      logger.host('warning', development.warning);
    }
    const environment = applyEnvironment(development.settings, options.env ?? {}, {
      AZURE_FUNCTIONS_ENVIRONMENT: 'Development',
      FUNCTIONS_WORKER_RUNTIME: 'node',
      WEBSITE_HOSTNAME: new URL(publicUrl).host,
    });
    cleanups.push(environment.restore);
    for (const name of environment.skippedSettings) {
      logger.host('warning', `Skipping '${name}' from local settings as it's already defined in current environment variables.`);
    }
    const runtimeSetting = process.env.FUNCTIONS_WORKER_RUNTIME;
    if (runtimeSetting !== undefined && runtimeSetting.toLowerCase() !== 'node') {
      logger.host('warning', `FUNCTIONS_WORKER_RUNTIME is "${runtimeSetting}", but this is a Node.js app; Azure will expect "node".`);
    }

    const worker = new WorkerApp(appDir, logger.write);
    provideCoreModule(createCoreApi(worker));
    cleanups.push(() => {
      provideCoreModule(undefined);
    });
    const session = new ModuleSession(appDir, { isolated: options.isolateModules ?? true });
    cleanups.push(() => {
      session.end();
    });

    const started = await startWorkerApp(config, session, worker);
    cleanups.push(() => closeServers(started.modelServers));

    const { descriptors, routeTable, timers } = indexFunctions(worker.functions, config, process.env);
    const retryPolicies = readRetryPolicies(descriptors.map((d) => ({ name: d.name, triggerType: d.triggerType, retryOptions: d.registered.metadata.retryOptions })));
    if (retryPolicies.problems.length > 0) {
      throw new HostStartupError(`The app's functions cannot be indexed:\n  - ${retryPolicies.problems.join('\n  - ')}`);
    }
    for (const warning of retryPolicies.warnings) {
      logger.host('warning', warning);
    }
    const retries = new FunctionRetries(retryPolicies.byFunction, { log: logger.host, scheduler: options.retryScheduler });
    const runtime = new AppRuntime(worker, descriptors, logger, inFlight, retries);
    const httpUri = started.capabilities.HttpUri;
    let shuttingDown = false;
    resolveContext({
      runtime,
      routeTable,
      logger,
      maxBodyBytes,
      adminKey: options.adminKey,
      fallbackHost: new URL(url).host,
      streamProxyUrl: httpUri ? new URL(httpUri) : undefined,
      isShuttingDown: () => shuttingDown,
    });

    const functions = describeForUsers(descriptors, routeTable, url);
    for (const line of listingLines(functions, publicUrl, routeTable)) {
      logger.host('information', line);
    }
    const scheduler = new TimerScheduler(runtime, timers);
    scheduler.start();

    return new DevHost({
      url,
      functions,
      logger,
      runtime,
      routeTable,
      streaming: httpUri !== undefined,
      shutdownTimeoutMs,
      shutdown: {
        beginShutdown: () => {
          shuttingDown = true;
          scheduler.stop();
          retries.cancel();
        },
        server,
        inFlight,
        streamAgent,
        cleanups: [...cleanups].reverse(),
      },
    });
  } catch (error: unknown) {
    rejectContext(error);
    streamAgent.destroy();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Best effort: the start-up error is what matters.
      }
    }
    if (error instanceof HostStartupError) {
      throw error;
    }
    throw new HostStartupError(`The dev host failed to start: ${(error as Error).stack ?? String(error)}`, { cause: error });
  }
}
