import type { Logger } from '../../app/logging/createLogger.js';
import type { InvocationOutcome } from '../../app/workerConnection.js';

/** host.json `functionTimeout`, as the host enforces it on every invocation. */
export interface FunctionTimeoutPolicy {
  /** `undefined`: no timeout ("-1"). */
  readonly timeoutMs: number | undefined;
  /** As host.json gives it, e.g. "00:00:01", for the messages. */
  readonly timeoutText: string;
  /**
   * After a timeout the Functions host restarts (and with it the worker): `azfx start` restarts the worker process.
   * The in-process `startHost()` cannot stop the handler, which runs on with its result ignored.
   */
  readonly onTimeout?: () => void;
}

/** The error a timed-out invocation fails with, worded as the host words it. */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutException';
}

/**
 * Fails `run` as the host does when it outlives the timeout: the host logs that it cancels the invocation, the
 * invocation fails (an HTTP caller gets 500) and the host restarts; a late result is ignored.
 */
export function withFunctionTimeout(
  run: Promise<InvocationOutcome>,
  policy: FunctionTimeoutPolicy | undefined,
  invocation: { readonly functionName: string; readonly invocationId: string },
  logger: Logger,
): Promise<InvocationOutcome> {
  const timeoutMs = policy?.timeoutMs;
  if (policy === undefined || timeoutMs === undefined) {
    return run;
  }
  // One promise settled by whichever comes first (not an async function around Promise.race): every invocation
  // comes through here, and host.json's default timeout (30 minutes) arms a timer for each.
  return new Promise<InvocationOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      const { functionName, invocationId } = invocation;
      logger.host('error', `Timeout value of ${policy.timeoutText} exceeded by function 'Functions.${functionName}' (Id: '${invocationId}'). Initiating cancellation.`, invocation);
      const error = new FunctionTimeoutError(`Timeout value of ${policy.timeoutText} was exceeded by function: Functions.${functionName}`);
      resolve({ failed: true, result: undefined, error });
      if (policy.onTimeout) {
        logger.host('error', 'A function timeout has occurred: restarting the worker, as the Functions host restarts after a timeout.', invocation);
        policy.onTimeout();
      }
    }, timeoutMs);
    // Whatever the worker connection settles with is passed on as it is; after a timeout it is ignored.
    run
      .finally(() => {
        clearTimeout(timer);
      })
      .then(resolve, reject);
  });
}
