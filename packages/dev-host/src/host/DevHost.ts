import type { Agent, Server } from 'node:http';
import type { RpcTypedData } from '../core/coreApiTypes.js';
import { describeError } from '../describeError.js';
import type { Logger } from '../logging/createLogger.js';
import type { LogRecord } from '../logging/LogRecord.js';
import type { RouteTable } from '../routing/routeTable.js';
import { handRunTriggerMetadata } from '../triggers/handRunTriggerMetadata.js';
import { createAppHookContext } from '../worker/hookContexts.js';
import { fromTypedData, timerInfo, toTypedData } from '../worker/toTypedData.js';
import { hostApiReason, type AppRuntime } from './AppRuntime.js';
import { isHttpTrigger, isTimerTrigger, type FunctionDescriptor } from './functionDescriptors.js';
import type { InFlightWork } from './InFlightWork.js';
import { httpInvokeRequest } from './httpInvokeRequest.js';
import type { FunctionInfo, Host, InvokeAttempt, InvokeOptions, InvokeResult } from './publicTypes.js';

interface ShutdownParts {
  readonly beginShutdown: () => void;
  readonly server: Server;
  readonly inFlight: InFlightWork;
  readonly streamAgent: Agent;
  /** In the order to run them: module cache, environment, core module, process slot… */
  readonly cleanups: readonly (() => void | Promise<void>)[];
}

export interface DevHostParts {
  readonly url: string;
  readonly functions: readonly FunctionInfo[];
  readonly logger: Logger;
  readonly runtime: AppRuntime;
  readonly routeTable: RouteTable;
  readonly streaming: boolean;
  readonly shutdownTimeoutMs: number;
  readonly shutdown: ShutdownParts;
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
    this.functions = parts.functions;
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
    const descriptor = this.#parts.runtime.find(functionName);
    if (!descriptor) {
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
    const input = { triggerData, triggerMetadata, reason: hostApiReason, announce: true };
    // HTTP requests are never retried; other triggers run again after a failure as their retry policy says.
    const runs = isHttpTrigger(descriptor) ? [await this.#parts.runtime.invoke(descriptor, input)] : await this.#parts.runtime.invokeWithRetries(descriptor, input);
    const last = runs[runs.length - 1];
    if (last === undefined) {
      throw new Error(`"${functionName}" did not run.`);
    }
    const { invocationId, outcome } = last;
    const ids = new Set(runs.map((run) => run.invocationId));
    const logs = this.#parts.logger.records.filter((record) => record.invocationId !== undefined && ids.has(record.invocationId));
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
      return { http: httpInvokeRequest(descriptor.name, input ?? {}, this.#parts.routeTable, this.url) };
    }
    if (isTimerTrigger(descriptor) && input === undefined) {
      return timerInfo();
    }
    return toTypedData(input);
  }

  async #shutdown(): Promise<void> {
    const { logger, runtime, shutdownTimeoutMs } = this.#parts;
    const { beginShutdown, server, inFlight, streamAgent, cleanups } = this.#parts.shutdown;
    logger.host('information', 'Stopping the host: no new connections; waiting for running invocations.');
    beginShutdown();
    const serverClosed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    server.closeIdleConnections();
    const drained = await inFlight.drain(shutdownTimeoutMs);
    if (!drained) {
      logger.host('warning', `${inFlight.size} request(s) or invocation(s) still running after ${shutdownTimeoutMs} ms; stopping without them.`);
    }
    server.closeAllConnections();
    await serverClosed;

    const worker = runtime.worker;
    try {
      await withTimeout(
        worker.executeHooks('appTerminate', createAppHookContext(worker.appLevelHookData, worker.appHookData, worker.functionAppDirectory)),
        shutdownTimeoutMs,
      );
    } catch (error: unknown) {
      logger.host('error', `An appTerminate hook failed: ${describeError(error)}`);
    }
    streamAgent.destroy();
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error: unknown) {
        logger.host('warning', `Cleanup after shutdown failed: ${describeError(error)}`);
      }
    }
    logger.host('information', 'The host has stopped.');
  }
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
