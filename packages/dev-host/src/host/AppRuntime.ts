import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RpcInvocationRequest, RpcRetryContext, RpcTraceContext, RpcTypedData } from '../app/coreApiTypes.js';
import { describeError } from '../app/describeError.js';
import type { Logger } from '../app/logging/createLogger.js';
import { createTraceContext } from '../app/traceContext.js';
import type { InvocationOutcome, WorkerConnection } from '../app/workerConnection.js';
import { isHttpTrigger, type FunctionDescriptor } from '../app/functionDescriptors.js';
import type { InFlightWork } from '../app/InFlightWork.js';
import { withFunctionTimeout, type FunctionTimeoutPolicy } from './config/functionTimeout.js';
import { FunctionRetries, type Attempt } from './retry/FunctionRetries.js';

/**
 * The reason the host gives for every invocation a caller asked for (an HTTP request, a manual run through the admin
 * API or `invoke()`), as Core Tools prints it; timers give their own.
 */
export const hostApiReason = 'This function was programmatically called via the host APIs.';

export interface InvocationInput {
  /** The trigger's data; `undefined` sends the trigger binding with no data. */
  readonly triggerData: RpcTypedData | undefined;
  readonly triggerMetadata?: Record<string, RpcTypedData>;
  readonly traceContext?: RpcTraceContext;
  readonly invocationId?: string;
  /** Why it runs, for the `Executing` line (Core Tools prints the same reasons). */
  readonly reason: string;
  /**
   * Print `Executing`/`Executed` lines by default (timers, manual runs). HTTP requests get one request line
   * instead, so their lines are debug level.
   */
  readonly announce: boolean;
  /** Set by the retry loop (retry/): which attempt this is, for a function with a retry policy. */
  readonly retryContext?: RpcRetryContext | undefined;
}

export interface InvocationRun {
  readonly invocationId: string;
  readonly outcome: InvocationOutcome;
}

function preview(data: RpcTypedData | null | undefined): string {
  const text = data?.string ?? data?.json ?? (data?.bytes ? `<${data.bytes.byteLength} bytes>` : JSON.stringify(data ?? null));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * A started app as the host sees it: its functions, and the host's way of invoking one (request building, the
 * `Executing`/`Executed` lines, tracking for shutdown). Invocations go to whichever worker `connect` gives: always the
 * same one in-process, the ready worker process for `azfx start` (waiting while a new one starts).
 */
export class AppRuntime {
  readonly functions: readonly FunctionDescriptor[];
  /** Invocations that no HTTP request stands for (timers, admin runs, `invoke()`); requests are tracked by the server. */
  readonly invocations: InFlightWork;
  readonly #logger: Logger;
  readonly #byName: ReadonlyMap<string, FunctionDescriptor>;
  readonly #connect: () => Promise<WorkerConnection>;
  readonly #timeout: FunctionTimeoutPolicy | undefined;
  readonly #retries: FunctionRetries;

  constructor(
    functions: readonly FunctionDescriptor[],
    logger: Logger,
    invocations: InFlightWork,
    connect: () => Promise<WorkerConnection>,
    /** The functions' retry policies; by default none (every function runs once). */
    retries = new FunctionRetries(new Map(), { log: logger.host }),
    timeout?: FunctionTimeoutPolicy,
  ) {
    this.#timeout = timeout;
    this.functions = functions;
    this.#retries = retries;
    this.#logger = logger;
    this.invocations = invocations;
    this.#connect = connect;
    this.#byName = new Map(functions.map((descriptor) => [descriptor.name.toLowerCase(), descriptor]));
  }

  /** Function names are case-insensitive in the host. */
  find(name: string): FunctionDescriptor | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  /**
   * THE place where every non-HTTP invocation starts: a timer tick, a manual run through the admin API and
   * `host.invoke()` all come through here. As in the host, a failed run is run again as far as the function's retry
   * policy says, each attempt a new invocation in the worker with its `retryContext`; HTTP functions run once.
   * Resolves to every attempt in order: the last one is the outcome.
   */
  invokeTrigger(descriptor: FunctionDescriptor, input: InvocationInput): Promise<InvocationRun[]> {
    if (isHttpTrigger(descriptor)) {
      return this.invocations.track(this.#invoke(descriptor, input).then((run) => [run]));
    }
    const attempt = async (retryContext: RpcRetryContext | undefined): Promise<InvocationRun & Attempt> => {
      const run = await this.#invoke(descriptor, { ...input, retryContext });
      return { ...run, failed: run.outcome.failed, error: run.outcome.failed ? run.outcome.error : undefined };
    };
    return this.invocations.track(this.#retries.run(descriptor.name, attempt));
  }

  /** The invocation of an HTTP request; the server tracks the request, so it is not counted twice. */
  invokeForRequest(descriptor: FunctionDescriptor, input: InvocationInput): Promise<InvocationRun> {
    return this.#invoke(descriptor, input);
  }

  async #invoke(descriptor: FunctionDescriptor, input: InvocationInput): Promise<InvocationRun> {
    const invocationId = input.invocationId ?? randomUUID();
    const request: RpcInvocationRequest = {
      invocationId,
      functionId: descriptor.registered.id,
      inputData: [{ name: descriptor.triggerBindingName, data: input.triggerData ?? null }],
      triggerMetadata: input.triggerMetadata ?? {},
      traceContext: input.traceContext ?? createTraceContext(),
      retryContext: input.retryContext ?? null,
    };
    const scope = { functionName: descriptor.name, invocationId };
    const level = input.announce ? 'information' : 'debug';
    this.#logger.host(level, `Executing 'Functions.${descriptor.name}' (Reason='${input.reason}', Id=${invocationId})`, scope);
    const started = performance.now();
    const worker = await this.#connect();
    // azfx #14: host.json functionTimeout fails the invocation as the host does.
    const outcome: InvocationOutcome = await withFunctionTimeout(worker.invoke(request, descriptor.name), this.#timeout, scope, this.#logger);
    const duration = Math.round(performance.now() - started);
    if (outcome.failed) {
      this.#logger.host('error', `Executed 'Functions.${descriptor.name}' (Failed, Id=${invocationId}, Duration=${duration}ms)`, scope);
      this.#logger.host('error', `Result: Failure\nException: ${describeError(outcome.error)}`, scope);
    } else {
      this.#logger.host(level, `Executed 'Functions.${descriptor.name}' (Succeeded, Id=${invocationId}, Duration=${duration}ms)`, scope);
      for (const output of outcome.response.outputData ?? []) {
        // No storage or service behind output bindings here: show what would have been sent.
        this.#logger.host('debug', `Output binding "${output.name ?? '?'}" was not delivered (the dev host has no bindings): ${preview(output.data)}`, scope);
      }
    }
    return { invocationId, outcome };
  }
}
