import { Server as HttpServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import type { AppConfig } from '../app/config/readAppConfig.js';
import type { RpcInvocationRequest } from '../app/coreApiTypes.js';
import type { LogSink } from '../app/logging/LogRecord.js';
import type { FunctionRegistration, InvocationOutcome, WorkerConnection } from '../app/workerConnection.js';
import { WorkerSystemError } from './core/errors.js';
import { createCoreApi } from './core/createCoreApi.js';
import { provideCoreModule } from './core/installCoreModule.js';
import { createAppHookContext } from './hookContexts.js';
import { ModuleSession } from './loader/moduleSession.js';
import { runInvocation } from './runInvocation.js';
import { startWorkerApp } from './startWorkerApp.js';
import { WorkerApp } from './WorkerApp.js';

export interface LocalWorkerOptions {
  readonly sink: LogSink;
  /** Load ES modules under a fresh URL, so this process can load the app again later (`startHost()` in tests). */
  readonly isolateModules: boolean;
}

/**
 * The worker side of one app, in the process that calls it: it serves `@azure/functions-core`, loads `main`, runs
 * appStart hooks, locks registration, runs invocations, and on `terminate()` runs appTerminate hooks and gives back
 * everything start-up took. One app per process: the caller claims the process first (claimProcessSlot). The worker process (`azfx start`) and `startHost()` both run apps through this.
 */
export class LocalWorker implements WorkerConnection {
  readonly app: WorkerApp;
  readonly httpUri: string | undefined;
  readonly #modelServers: readonly NetServer[];
  readonly #release: () => void;
  #terminated: Promise<void> | undefined;

  private constructor(app: WorkerApp, httpUri: string | undefined, modelServers: readonly NetServer[], release: () => void) {
    this.app = app;
    this.httpUri = httpUri;
    this.#modelServers = modelServers;
    this.#release = release;
  }

  /** Starts the app; on failure everything taken is given back and the error (a HostStartupError) is rethrown. */
  static async start(config: AppConfig, options: LocalWorkerOptions): Promise<LocalWorker> {
    const releases: (() => void)[] = [];
    const release = (): void => {
      for (const step of releases.splice(0).reverse()) {
        step();
      }
    };
    try {
      const app = new WorkerApp(config.appDir, options.sink);
      provideCoreModule(createCoreApi(app));
      releases.push(() => {
        provideCoreModule(undefined);
      });
      const session = new ModuleSession(config.appDir, { isolated: options.isolateModules });
      releases.push(() => {
        session.end();
      });
      const started = await startWorkerApp(config, session, app);
      return new LocalWorker(app, started.capabilities.HttpUri, started.modelServers, release);
    } catch (error: unknown) {
      release();
      throw error;
    }
  }

  get functions(): readonly FunctionRegistration[] {
    return this.app.functions;
  }

  invoke(request: RpcInvocationRequest, functionName: string): Promise<InvocationOutcome> {
    return invokeFunction(this.app, request, functionName);
  }

  /**
   * Runs appTerminate hooks (at most `timeoutMs`), closes the servers the programming model started and releases the
   * process for another app. A failing or slow hook is reported through `onHookError`, never thrown. Idempotent.
   */
  terminate(timeoutMs: number, onHookError: (error: unknown) => void): Promise<void> {
    this.#terminated ??= this.#terminate(timeoutMs, onHookError);
    return this.#terminated;
  }

  async #terminate(timeoutMs: number, onHookError: (error: unknown) => void): Promise<void> {
    try {
      await withTimeout(this.app.executeHooks('appTerminate', createAppHookContext(this.app.appLevelHookData, this.app.appHookData, this.app.functionAppDirectory)), timeoutMs);
    } catch (error: unknown) {
      onHookError(error);
    }
    await closeServers(this.#modelServers);
    this.#release();
  }
}

/** Runs an invocation of the function the request names by id (or, from another worker's index, by name). */
export function invokeFunction(app: WorkerApp, request: RpcInvocationRequest, functionName: string): Promise<InvocationOutcome> {
  const registered = app.functionById(request.functionId) ?? app.functions.find((fn) => fn.name === functionName);
  if (!registered) {
    const error = new WorkerSystemError(`The worker has no function "${functionName}" (id ${request.functionId}).`);
    return Promise.resolve({ failed: true, result: undefined, error });
  }
  return runInvocation(app, registered, request);
}

async function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`appTerminate hooks did not finish within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
