import { fork, type ChildProcess } from 'node:child_process';
import type { RpcInvocationRequest } from '../../app/coreApiTypes.js';
import type { FunctionRegistration, InvocationOutcome, WorkerConnection } from '../../app/workerConnection.js';
import { decodeMessage, encodeMessage } from '../../app/wireEncoding.js';
import { fromWireError, type HostToWorker, type WorkerToHost } from '../../app/workerProtocol.js';
import { forwardLines } from './consoleOutput.js';

/** How to start a worker process: the script and its arguments, and what the process gets from the host. */
export interface WorkerSpawnSpec {
  readonly entry: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly execArgv: readonly string[];
  /** azfx #14: each line the worker writes to stdout or stderr (the host logs them); without it they pass through. */
  readonly output?: (stream: 'stdout' | 'stderr', line: string) => void;
}

export type WorkerStart = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Why a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the worker said before exiting: the uncaught exception or unhandled rejection. */
  readonly cause: string | undefined;
}

export function describeExit(exit: WorkerExit): string {
  const how = exit.signal === null ? `with code ${String(exit.code)}` : `on signal ${exit.signal}`;
  return exit.cause === undefined ? `exited ${how}` : `exited ${how} after an ${exit.cause}`;
}

/**
 * The host's handle on one worker process: starts it, learns its functions, sends it invocations and matches the
 * answers. When the process ends, whatever it was running fails at once (as the host fails the invocations of a
 * worker that died), and so does anything sent to it later.
 */
export class WorkerProcess implements WorkerConnection {
  readonly started: Promise<WorkerStart>;
  readonly exited: Promise<WorkerExit>;
  functions: readonly FunctionRegistration[] = [];
  httpUri: string | undefined;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (outcome: InvocationOutcome) => void>();
  #nextId = 0;
  #exit: WorkerExit | undefined;
  #cause: string | undefined;

  constructor(spec: WorkerSpawnSpec) {
    this.#child = fork(spec.entry, [...spec.args], {
      env: spec.env,
      execArgv: [...spec.execArgv],
      serialization: 'advanced', // carrying what wireEncoding makes of each message
      stdio: ['ignore', spec.output ? 'pipe' : 'inherit', spec.output ? 'pipe' : 'inherit', 'ipc'],
    });
    if (spec.output) {
      forwardLines(this.#child, spec.output);
    }
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': it comes after the IPC channel has delivered every message the worker sent.
      this.#child.once('close', (code, signal) => {
        this.#exit = { code, signal, cause: this.#cause };
        this.#failPending();
        resolve(this.#exit);
      });
    });
    // A failed fork (no such file, no memory) is reported as an exit too.
    this.#child.once('error', () => undefined);
    this.started = new Promise((resolve) => {
      this.#child.on('message', (wire: unknown) => {
        const message = decodeMessage(wire) as WorkerToHost;
        switch (message.type) {
          case 'ready':
            this.functions = message.functions;
            this.httpUri = message.httpUri;
            resolve({ ok: true });
            break;
          case 'startFailed':
            resolve({ ok: false, message: message.message });
            break;
          case 'result':
            this.#settle(message.id, message.outcome.failed
              ? { failed: true, result: undefined, error: fromWireError(message.outcome.error) }
              : { failed: false, result: message.outcome.returnedNothing ? undefined : true, response: message.outcome.response });
            break;
          case 'fatal':
            this.#cause = message.cause;
            break;
        }
      });
      void this.exited.then((exit) => {
        resolve({ ok: false, message: `The worker process ${describeExit(exit)} before the app started.` });
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** Invocations sent and not answered yet. */
  get inFlight(): number {
    return this.#pending.size;
  }

  invoke(request: RpcInvocationRequest, functionName: string): Promise<InvocationOutcome> {
    if (this.#exit !== undefined) {
      return Promise.resolve(this.#failure(this.#exit));
    }
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#send({ type: 'invoke', id, functionName, request });
    });
  }

  /** Asks the worker to finish what it runs (bounded) and run appTerminate hooks; kills it if it does not exit. */
  async terminate(timeoutMs: number): Promise<WorkerExit> {
    if (this.#exit !== undefined) {
      return this.#exit;
    }
    this.#send({ type: 'terminate', timeoutMs });
    // Draining and appTerminate hooks are each bounded by timeoutMs in the worker; this is the last resort.
    const killer = setTimeout(() => this.#child.kill('SIGKILL'), 2 * timeoutMs + 2_000);
    const exit = await this.exited;
    clearTimeout(killer);
    return exit;
  }

  releaseInspector(): void {
    this.#send({ type: 'releaseInspector' });
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }

  #send(message: HostToWorker): void {
    if (this.#child.connected) {
      this.#child.send(encodeMessage(message), (error) => {
        if (error && message.type === 'invoke') {
          this.#settle(message.id, { failed: true, result: undefined, error });
        }
      });
    }
  }

  #settle(id: number, outcome: InvocationOutcome): void {
    const resolve = this.#pending.get(id);
    this.#pending.delete(id);
    resolve?.(outcome);
  }

  #failure(exit: WorkerExit): InvocationOutcome {
    return { failed: true, result: undefined, error: new Error(`The worker process ${describeExit(exit)} while this invocation ran.`) };
  }

  #failPending(): void {
    const exit = this.#exit;
    if (exit === undefined) {
      return;
    }
    for (const [id] of this.#pending) {
      this.#settle(id, this.#failure(exit));
    }
  }
}
