import { applyEnvironment } from './app/config/applyEnvironment.js';
import { readAppConfig } from './app/config/readAppConfig.js';
import { describeError } from './app/describeError.js';
import { HostStartupError } from './app/HostStartupError.js';
import { createLogger } from './app/logging/createLogger.js';
import { LocalWorker } from './worker/LocalWorker.js';
import { claimProcessSlot } from './worker/processSlot.js';
import { AppGeneration } from './host/AppGeneration.js';
import { DevHost } from './host/DevHost.js';
import { createHostParts } from './host/createHostServer.js';
import { hostEnvironment } from './host/hostEnvironment.js';
import { createRequestListener } from './host/http/createRequestListener.js';
import type { ServerContext } from './host/http/ServerContext.js';
import { openHostServer } from './host/listen.js';
import { resolveHostOptions } from './host/hostOptions.js';
import type { Host, StartHostOptions } from './host/publicTypes.js';
import type { RetryScheduler } from './host/retry/retryScheduler.js';
import { captureAppConsole } from './host/inProcessConsole.js';

/**
 * Starts an Azure Functions v4 app the way Core Tools does, in this process (for tests): reads its configuration,
 * serves the worker's core API, loads `main`, runs appStart hooks, indexes its functions and routes, listens for
 * HTTP and starts its timers. Loading, routing and invocation are the code `azfx start` runs, with the worker in this
 * process instead of a worker process. Rejects with a HostStartupError that says what to fix.
 */
export function startHost(options: StartHostOptions): Promise<Host> {
  return startAppHost(options);
}

/** Options only the dev host's own tests use, on top of the public ones. */
export interface InternalHostOptions {
  /** Waits out retry delays (tests record the delays and end the waits themselves). Default: real timers. */
  readonly retryScheduler?: RetryScheduler;
}

/** `startHost` with the options only tests use. */
export async function startAppHost(options: StartHostOptions & InternalHostOptions): Promise<Host> {
  if (typeof options.appDir !== 'string' || options.appDir === '') {
    throw new HostStartupError('startHost() needs appDir: the folder of the function app, e.g. startHost({ appDir: "apps/my-app" }).');
  }
  const resolved = resolveHostOptions(options);
  const logger = createLogger({ quiet: options.quiet ?? true, verbose: options.verbose ?? false });
  const { appDir, requests, invocations, shutdown, server, streamAgent } = await createHostParts(options.appDir, resolved, logger);
  let resolveContext: (context: ServerContext) => void = () => undefined;
  let rejectContext: (error: unknown) => void = () => undefined;
  const contextReady = new Promise<ServerContext>((resolve, reject) => {
    resolveContext = resolve;
    rejectContext = reject;
  });
  contextReady.catch(() => undefined);

  try {
    shutdown.release(claimProcessSlot(appDir));
    const config = await readAppConfig(appDir);
    logger.applyLogLevels(config.host.logLevels); // azfx #14
    const { url, publicUrl } = await openHostServer(server, options.port ?? 0, resolved.hostname, shutdown, logger);
    server.on('request', createRequestListener({ context: () => contextReady, logger, fallbackHost: new URL(url).host, streamAgent, requests }));

    const environment = hostEnvironment(config, logger, new URL(publicUrl).host);
    const applied = applyEnvironment(environment.settings, options.env ?? {}, environment.defaults);
    shutdown.release(applied.restore);
    environment.reportSkipped(applied.skippedSettings);

    shutdown.release(captureAppConsole(appDir, logger)); // azfx #14: the app's console output in host.logs
    const worker = await LocalWorker.start(config, { sink: logger.write, isolateModules: true });
    shutdown.release(() =>
      worker.terminate(resolved.shutdownTimeoutMs, (error) => {
        logger.host('error', `An appTerminate hook failed: ${describeError(error)}`);
      }),
    );
    const generation = new AppGeneration(
      worker.functions,
      worker.httpUri,
      config,
      process.env,
      {
        logger,
        maxBodyBytes: resolved.maxBodyBytes,
        adminKey: options.adminKey,
        url,
        isShuttingDown: () => shutdown.started,
        // azfx #14: the host's rules for the app (the in-process worker cannot be restarted after a timeout).
        policy: { functions: options.functions, cors: options.cors, corsCredentials: options.corsCredentials, maxBodyBytesOption: options.maxBodyBytes, enableAuth: options.enableAuth },
        retryScheduler: options.retryScheduler,
      },
      invocations,
      () => Promise.resolve(worker),
    );
    resolveContext(generation.context);
    for (const line of generation.listing(publicUrl)) {
      logger.host('information', line);
    }
    for (const warning of generation.warnings) {
      logger.host('warning', warning);
    }
    generation.startTimers();
    shutdown.onStop(() => {
      generation.stopTimers();
      generation.cancelRetries();
    });
    return new DevHost({ url, generation, logger, streaming: worker.httpUri !== undefined, shutdownTimeoutMs: resolved.shutdownTimeoutMs, shutdown });
  } catch (error: unknown) {
    rejectContext(error);
    await shutdown.run(resolved.shutdownTimeoutMs);
    if (error instanceof HostStartupError) {
      throw error;
    }
    throw new HostStartupError(`The dev host failed to start: ${(error as Error).stack ?? String(error)}`, { cause: error });
  }
}
