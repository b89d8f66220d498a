import type { RpcTypedData } from '../app/coreApiTypes.js';
import { isHttpTrigger, isTimerTrigger, type FunctionDescriptor } from '../app/functionDescriptors.js';
import type { Logger } from '../app/logging/createLogger.js';
import type { LogRecord } from '../app/logging/LogRecord.js';
import { createTraceContext } from '../app/traceContext.js';
import { fromTypedData, timerInfo, toTypedData } from '../app/typedData.js';
import type { AppGeneration } from './AppGeneration.js';
import { hostApiReason, type InvocationRun } from './AppRuntime.js';
import { httpInvokeRequest } from './httpInvokeRequest.js';
import type { FunctionInfo, Host, InvokeAttempt, InvokeOptions, InvokeResult } from './publicTypes.js';
import type { Shutdown } from './Shutdown.js';
import { handRunTriggerMetadata } from './triggers/handRunTriggerMetadata.js';

export interface DevHostParts {
  readonly url: string;
  readonly generation: AppGeneration;
  readonly logger: Logger;
  readonly streaming: boolean;
  readonly shutdownTimeoutMs: number;
  readonly shutdown: Shutdown;
}

/** A running app: the object `startHost` resolves to. */
export class DevHost implements Host {
  readonly url: string;
  readonly functions: readonly FunctionInfo[];
  readonly #parts: DevHostParts;
  #closing: Promise<void> | undefined;

  constructor(parts: DevHostParts) {
    this.#parts = parts;
    this.url = parts.url;
    this.functions = parts.generation.functions;
  }

  get logs(): readonly LogRecord[] {
    return [...this.#parts.logger.records];
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(new URL(path, this.url), init);
  }

  async invoke(functionName: string, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (this.#closing) {
      throw new Error(`The host is closed; cannot invoke "${functionName}".`);
    }
    const descriptor = this.#parts.generation.runtime.find(functionName);
    if (!descriptor) {
      // azfx #14: a disabled function is known but not runnable, as in the host.
      if (this.functions.some((fn) => fn.disabled === true && fn.name.toLowerCase() === functionName.toLowerCase())) {
        throw new Error(`Function "${functionName}" is disabled (app setting AzureWebJobs.${functionName}.Disabled): remove the setting or set it to false to run it.`);
      }
      const names = this.functions.map((fn) => fn.name).join(', ') || '(none)';
      throw new Error(`The app has no function named "${functionName}". Its functions: ${names}.`);
    }
    const triggerData = this.#triggerData(descriptor, options.input);
    // Like a hand run through the admin API: the trigger's own metadata first, what the caller passed on top.
    const triggerMetadata: Record<string, RpcTypedData> = isHttpTrigger(descriptor) ? {} : handRunTriggerMetadata(descriptor.triggerType, triggerData);
    for (const [name, value] of Object.entries(options.triggerMetadata ?? {})) {
      const data = toTypedData(value);
      if (data !== undefined) {
        triggerMetadata[name] = data;
      }
    }
    // Every attempt the function's retry policy made (HTTP functions run once); the last one is the outcome.
    // An HTTP input's traceparent continues the caller's trace, as it does for a request through host.fetch().
    const headers = triggerData?.http?.headers ?? undefined;
    const traceContext = headers?.traceparent === undefined ? undefined : createTraceContext({ traceParent: headers.traceparent, traceState: headers.tracestate });
    const capture = this.#parts.logger.captureInvocationLogs();
    let runs: InvocationRun[];
    try {
      runs = await this.#parts.generation.runtime.invokeTrigger(descriptor, {
        triggerData,
        triggerMetadata,
        reason: hostApiReason,
        announce: true,
        ...(traceContext === undefined ? {} : { traceContext }),
      });
    } finally {
      capture.stop();
    }
    const last = runs.at(-1);
    if (last === undefined) {
      throw new Error(`"${functionName}" did not run.`);
    }
    const { invocationId, outcome } = last;
    const ids = new Set(runs.map((run) => run.invocationId));
    const logs = capture.records.filter((record) => record.invocationId !== undefined && ids.has(record.invocationId));
    const attempts: InvokeAttempt[] = runs.map((run) =>
      run.outcome.failed ? { invocationId: run.invocationId, failed: true, error: run.outcome.error } : { invocationId: run.invocationId, failed: false },
    );
    if (outcome.failed) {
      return { invocationId, failed: true, result: outcome.result, error: outcome.error, outputs: {}, logs, attempts };
    }
    const outputs: Record<string, unknown> = {};
    for (const binding of outcome.response.outputData ?? []) {
      if (typeof binding.name === 'string') {
        outputs[binding.name] = fromTypedData(binding.data);
      }
    }
    return { invocationId, failed: false, result: outcome.result, outputs, logs, attempts };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  #triggerData(descriptor: FunctionDescriptor, input: unknown): RpcTypedData | undefined {
    if (isHttpTrigger(descriptor)) {
      if (this.#parts.streaming) {
        throw new Error(`"${descriptor.name}" is an HTTP function of an app with HTTP streaming on: call it with host.fetch().`);
      }
      if (input !== undefined && (typeof input !== 'object' || input === null)) {
        throw new TypeError(`The input of HTTP function "${descriptor.name}" must be an object like { method, url, headers, body } (or omitted).`);
      }
      return { http: httpInvokeRequest(descriptor.name, input ?? {}, this.#parts.generation.routeTable, this.url) };
    }
    if (isTimerTrigger(descriptor) && input === undefined) {
      return timerInfo();
    }
    return toTypedData(input);
  }

  async #shutdown(): Promise<void> {
    const { logger, shutdown, shutdownTimeoutMs } = this.#parts;
    logger.host('information', 'Stopping the host: no new connections; waiting for running invocations.');
    await shutdown.run(shutdownTimeoutMs);
    logger.host('information', 'The host has stopped.');
  }
}
