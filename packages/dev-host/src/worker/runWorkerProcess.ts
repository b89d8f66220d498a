import inspector from 'node:inspector';
import { readAppConfig } from '../app/config/readAppConfig.js';
import { describeError } from '../app/describeError.js';
import { HostStartupError } from '../app/HostStartupError.js';
import { InFlightWork } from '../app/InFlightWork.js';
import { createLogger, type Logger } from '../app/logging/createLogger.js';
import type { InvocationOutcome } from '../app/workerConnection.js';
import { decodeMessage, encodeMessage } from '../app/wireEncoding.js';
import { toWireError, type HostToWorker, type WireOutcome, type WorkerToHost } from '../app/workerProtocol.js';
import { LocalWorker } from './LocalWorker.js';

export interface WorkerProcessOptions {
  readonly appDir: string;
  readonly verbose: boolean;
  /** Azure's rule (default): an uncaught exception or unhandled rejection ends the worker, and the host restarts it. */
  readonly exitOnUncaughtErrors: boolean;
}

/** How long the worker waits for the host's answer to `fatal` before exiting anyway. */
const fatalNoticeMs = 1_000;

const unsent = new Set<Promise<void>>();

/** Sends a message to the host; `flushed()` waits until every message sent so far has left this process. */
function send(message: WorkerToHost, onSent?: () => void): void {
  if (!process.connected || process.send === undefined) {
    onSent?.();
    return;
  }
  const wire = encodeMessage(message);
  let done: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => {
    done = resolve;
  });
  unsent.add(sent);
  void sent.then(() => unsent.delete(sent));
  try {
    process.send(wire, undefined, {}, () => {
      done();
      onSent?.();
    });
  } catch (error: unknown) {
    // A message that cannot be sent (a function in a response) must not hold up `flushed()` for ever.
    done();
    throw error;
  }
}

async function flushed(): Promise<void> {
  await Promise.all(unsent);
}

function toWire(outcome: InvocationOutcome): WireOutcome {
  if (outcome.failed) {
    return { failed: true, error: toWireError(outcome.error) };
  }
  return { failed: false, returnedNothing: outcome.result === undefined || outcome.result === null, response: outcome.response };
}

/**
 * Azure's worker exits on an uncaught exception or an unhandled rejection (its host then fails the running
 * invocations and starts a new worker). With `exitOnUncaughtErrors` off, the error is reported and the worker
 * serves on, which Azure would not do.
 */
function applyCrashRule(logger: Logger, exitOnUncaughtErrors: boolean): void {
  const onError = (kind: string) => (error: unknown) => {
    const cause = `${kind}: ${describeError(error)}`;
    if (!exitOnUncaughtErrors) {
      logger.host('error', `${cause}\n(The worker keeps running because of --survive-uncaught-errors; in Azure it would exit and be restarted.)`);
      return;
    }
    logger.host('error', `The worker is exiting after an ${cause}`);
    const exit = (): void => process.exit(1);
    setTimeout(exit, fatalNoticeMs).unref();
    send({ type: 'fatal', cause }, exit);
  };
  process.on('uncaughtException', onError('uncaught exception'));
  process.on('unhandledRejection', onError('unhandled promise rejection'));
}

/**
 * A worker process of `azfx start`: loads the app as Azure's Node.js worker does, tells the host its functions, runs
 * the invocations the host sends over IPC, and on the host's word (or when the host is gone) finishes them, runs
 * appTerminate hooks and exits. It never listens on the host's port; the host owns ports, routing and restarts.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const logger = createLogger({ quiet: false, verbose: options.verbose, keepRecords: false });
  applyCrashRule(logger, options.exitOnUncaughtErrors);
  // Ctrl+C in a terminal signals the whole process group; the host decides when this worker stops.
  process.on('SIGINT', () => undefined);

  let worker: LocalWorker;
  try {
    const config = await readAppConfig(options.appDir);
    logger.applyLogLevels(config.host.logLevels); // azfx #14: host.json logging.logLevel
    worker = await LocalWorker.start(config, { sink: logger.write, isolateModules: false });
  } catch (error: unknown) {
    const message = error instanceof HostStartupError ? error.message : `The worker failed to start: ${describeError(error)}`;
    send({ type: 'startFailed', message }, () => process.exit(1));
    return;
  }

  const invocations = new InFlightWork();
  let terminating: Promise<void> | undefined;
  const terminate = (timeoutMs: number): Promise<void> => {
    terminating ??= (async () => {
      if (!(await invocations.drain(timeoutMs))) {
        logger.host('warning', `${invocations.size} invocation(s) still running after ${timeoutMs} ms; the worker stops without them.`);
      }
      await worker.terminate(timeoutMs, (error) => {
        logger.host('error', `An appTerminate hook failed: ${describeError(error)}`);
      });
      // Invocations that appTerminate hooks let finish still get their answers to the host.
      await invocations.drain(Math.min(timeoutMs, 1_000));
      await flushed();
      process.exit(0);
    })();
    return terminating;
  };

  process.on('message', (wire: unknown) => {
    const message = decodeMessage(wire) as HostToWorker;
    switch (message.type) {
      case 'invoke': {
        const { id, request, functionName } = message;
        void invocations.track(worker.invoke(request, functionName)).then((outcome) => {
          try {
            send({ type: 'result', id, outcome: toWire(outcome) });
          } catch (error: unknown) {
            // A response the IPC channel cannot carry (a function in it, say) fails the invocation, as the host would.
            send({ type: 'result', id, outcome: { failed: true, error: toWireError(new Error(`The function's response cannot be sent to the host: ${describeError(error)}`)) } });
          }
        });
        break;
      }
      case 'terminate':
        void terminate(message.timeoutMs);
        break;
      case 'releaseInspector':
        inspector.close();
        break;
    }
  });
  // The host went away (killed outright): stop as if it had asked, so no worker outlives its host.
  process.once('disconnect', () => void terminate(5_000));
  process.once('SIGTERM', () => void terminate(5_000));

  const functions = worker.functions.map(({ id, name, metadata }) => ({ id, name, metadata: JSON.parse(JSON.stringify(metadata)) as typeof metadata }));
  send({ type: 'ready', functions, httpUri: worker.httpUri });
}
