import type { FunctionMetadata, RpcInvocationRequest, RpcInvocationResponse } from './coreApiTypes.js';

/** A function as the worker registered it: enough for the host to index, route and address it. */
export interface FunctionRegistration {
  readonly id: string;
  readonly name: string;
  readonly metadata: FunctionMetadata;
}

/**
 * How one invocation ended. `failed` is what the host acts on (HTTP 500); `error` is what failed it. Across a process
 * boundary `result` only says whether the function returned something (`undefined`/`null` pass as they are).
 */
export type InvocationOutcome =
  | { readonly failed: false; readonly result: unknown; readonly response: RpcInvocationResponse }
  | { readonly failed: true; readonly result: unknown; readonly error: unknown };

/**
 * A started worker, as the host uses it: the functions it registered, the library's HTTP streaming proxy (if the
 * app turned streaming on), and a way to run one invocation. Implemented in this process (`startHost()`) and over
 * IPC to a worker process (`azfx start`).
 */
export interface WorkerConnection {
  readonly functions: readonly FunctionRegistration[];
  readonly httpUri: string | undefined;
  invoke(request: RpcInvocationRequest, functionName: string): Promise<InvocationOutcome>;
}
