import type { Server } from 'node:net';
import type { WorkerCapabilities } from '../app/coreApiTypes.js';
import { describeError } from '../app/describeError.js';
import { loadEntryPoints } from './loader/loadEntryPoints.js';
import type { ModuleSession } from './loader/moduleSession.js';
import type { AppConfig } from '../app/config/readAppConfig.js';
import { createAppHookContext } from './hookContexts.js';
import type { WorkerApp } from './WorkerApp.js';
import { captureListeningServers } from './captureListeningServers.js';
import { HostStartupError } from '../app/HostStartupError.js';

/** What the worker tells the host it supports; the programming model adds its own (HttpUri, app.setup capabilities). */
const workerCapabilities: WorkerCapabilities = {
  RawHttpBodyBytes: 'true',
  RpcHttpTriggerMetadataRemoved: 'true',
  RpcHttpBodyOnly: 'true',
  IgnoreEmptyValuedRpcHttpHeaders: 'true',
  UseNullableValueDictionaryForHttp: 'true',
  WorkerStatus: 'true',
  TypedDataCollection: 'true',
  HandlesWorkerTerminateMessage: 'true',
};

export interface StartedWorkerApp {
  readonly capabilities: WorkerCapabilities;
  /** Servers the programming model started (the library's HTTP streaming proxy), to close with the host. */
  readonly modelServers: readonly Server[];
}

/**
 * The worker's start-up, in its order: load every entry file, run appStart hooks, ask the programming model for its
 * capabilities (which locks `app.setup()` and, with HTTP streaming, starts the library's proxy), then lock function
 * registration.
 */
export async function startWorkerApp(config: AppConfig, session: ModuleSession, worker: WorkerApp): Promise<StartedWorkerApp> {
  await loadEntryPoints(config, session, worker);

  try {
    await worker.executeHooks('appStart', createAppHookContext(worker.appLevelHookData, worker.appHookData, config.appDir));
  } catch (error: unknown) {
    throw new HostStartupError(`An appStart hook failed, so the app cannot start: ${describeError(error)}`, { cause: error });
  }

  let capabilities: WorkerCapabilities = { ...workerCapabilities };
  let modelServers: Server[] = [];
  const model = worker.programmingModel;
  if (model?.getCapabilities) {
    try {
      const captured = await captureListeningServers(async () => model.getCapabilities?.({ ...workerCapabilities }));
      capabilities = captured.value ?? capabilities;
      modelServers = captured.servers;
    } catch (error: unknown) {
      throw new HostStartupError(`The programming model "${model.name}" failed to start: ${describeError(error)}`, { cause: error });
    }
  }
  worker.lockRegistration();
  return { capabilities, modelServers };
}
