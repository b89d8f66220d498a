import type { RpcInvocationRequest, RpcInvocationResponse } from './coreApiTypes.js';
import type { FunctionRegistration } from './workerConnection.js';

/**
 * The messages between the host and a worker process (Node IPC, "advanced" serialization, mostly as JSON strings:
 * wireEncoding).
 * They play the part of the gRPC messages between the Functions host and the Node.js worker.
 */
export type HostToWorker =
  | { readonly type: 'invoke'; readonly id: number; readonly functionName: string; readonly request: RpcInvocationRequest }
  /** Finish running invocations (at most `timeoutMs`), run appTerminate hooks, exit. */
  | { readonly type: 'terminate'; readonly timeoutMs: number }
  /** Give the debugger port to the worker that replaces this one. */
  | { readonly type: 'releaseInspector' };

/** An error as it crosses the process boundary. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

export type WireOutcome =
  | { readonly failed: false; readonly returnedNothing: boolean; readonly response: RpcInvocationResponse }
  | { readonly failed: true; readonly error: WireError };

export type WorkerToHost =
  | { readonly type: 'ready'; readonly functions: readonly FunctionRegistration[]; readonly httpUri: string | undefined }
  /** Start-up failed; `message` says what to fix (a HostStartupError's message). */
  | { readonly type: 'startFailed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly outcome: WireOutcome }
  /** Sent just before the worker exits because of an uncaught exception or unhandled rejection. */
  | { readonly type: 'fatal'; readonly cause: string };

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'Error', message: typeof error === 'string' ? error : String(error), stack: undefined };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  error.stack = wire.stack ?? `${wire.name}: ${wire.message}`;
  return error;
}

/** The internal CLI command that runs a worker process. */
export const workerCommand = '__azfx-worker';
