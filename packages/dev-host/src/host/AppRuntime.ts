import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RpcInvocationRequest, RpcRetryContext, RpcTraceContext, RpcTypedData } from '../core/coreApiTypes.js';
import { describeError } from '../describeError.js';
import type { Logger } from '../logging/createLogger.js';
import { FunctionRetries, type Attempt } from '../retry/FunctionRetries.js';
import { runInvocation, type InvocationOutcome } from '../worker/runInvocation.js';
import { createTraceContext } from '../worker/traceContext.js';
import type { WorkerApp } from '../worker/WorkerApp.js';
import type { FunctionDescriptor } from './functionDescriptors.js';
import type { InFlightWork } from './InFlightWork.js';

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

/** A started app: its functions, and the host's way of invoking one (request building, logging, tracking). */
export class AppRuntime {
  readonly worker: WorkerApp;
  readonly functions: readonly FunctionDescriptor[];
  readonly inFlight: InFlightWork;
  readonly retries: FunctionRetries;
  readonly #logger: Logger;
  readonly #byName: ReadonlyMap<string, FunctionDescriptor>;

  constructor(
    worker: WorkerApp,
    functions: readonly FunctionDescriptor[],
    logger: Logger,
    inFlight: InFlightWork,
    retries = new FunctionRetries(new Map(), { log: logger.host }),
  ) {
    this.worker = worker;
    this.retries = retries;
    this.functions = functions;
    this.#logger = logger;
    this.inFlight = inFlight;
    this.#byName = new Map(functions.map((descriptor) => [descriptor.name.toLowerCase(), descriptor]));
  }

  /** Function names are case-insensitive in the host. */
  find(name: string): FunctionDescriptor | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  invoke(descriptor: FunctionDescriptor, input: InvocationInput): Promise<InvocationRun> {
    return this.inFlight.track(this.#invoke(descriptor, input));
  }

  /** Runs a non-HTTP function as its trigger does: again after a failure, as far as its retry policy says. */
  invokeWithRetries(descriptor: FunctionDescriptor, input: InvocationInput): Promise<InvocationRun[]> {
    const attempt = async (retryContext: RpcRetryContext | undefined): Promise<InvocationRun & Attempt> => {
      const run = await this.invoke(descriptor, { ...input, retryContext });
      return { ...run, failed: run.outcome.failed, error: run.outcome.failed ? run.outcome.error : undefined };
    };
    return this.inFlight.track(this.retries.run(descriptor.name, attempt));
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
    const outcome = await runInvocation(this.worker, descriptor.registered, request);
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
