import type { WorkerApp } from '../WorkerApp.js';
import type { CoreApi, FunctionCallback, FunctionMetadata, HookCallback, ProgrammingModel, RpcLogCategory, RpcLogLevel } from '../../app/coreApiTypes.js';
import { Disposable } from './Disposable.js';
import { devHostVersion, emulatedHostVersion } from '../../app/versions.js';

/**
 * The object `require('@azure/functions-core')` returns while `worker` runs an app. A plain, writable object, as the
 * Node.js worker's is: packages that observe the app (an SDK wrapping `registerFunction` to learn the app's functions)
 * must behave here as they do in Azure.
 */
export function createCoreApi(worker: WorkerApp): CoreApi {
  return {
    version: devHostVersion,
    hostVersion: emulatedHostVersion,
    registerFunction: (metadata: FunctionMetadata, callback: FunctionCallback) => worker.registerFunction(metadata, callback),
    registerHook: (hookName: string, callback: HookCallback) => worker.registerHook(hookName, callback),
    setProgrammingModel: (model: ProgrammingModel) => {
      worker.setProgrammingModel(model);
    },
    getProgrammingModel: () => worker.programmingModel,
    // Its presence is how the library recognises a host of 4.28 or later (needed for HTTP streaming).
    log: (level: RpcLogLevel, category: RpcLogCategory, message: string) => {
      worker.log({ level, category, message });
    },
    Disposable,
  };
}
