import type { RpcException, RpcRetryContext } from '../../app/coreApiTypes.js';
import { describeError } from '../../app/describeError.js';

/**
 * The `retryContext` of an invocation request, as the host fills it for a function with a retry policy: on every
 * attempt, the first included (retryCount 0, no exception); from the second on, the count of retries so far and the
 * failure of the attempt before. The library turns it into `context.retryContext`.
 */
export function retryContextFor(retryCount: number, maxRetryCount: number, previous?: { functionName: string; error: unknown }): RpcRetryContext {
  return previous === undefined
    ? { retryCount, maxRetryCount }
    : { retryCount, maxRetryCount, exception: hostException(previous.functionName, previous.error) };
}

/**
 * The previous failure as the host describes it. The host wraps the worker's failure in its own exceptions and
 * formats the chain, so `message` reads "<host exception> : Exception while executing function: Functions.<name>
 * ---> <RPC exception> : Result: Failure\nException: <message>\nStack: <stack>"; the wrapper was never thrown, so
 * its `stackTrace` and `source` are empty. (In Azure the chain also carries the host's .NET stack frames.)
 */
export function hostException(functionName: string, error: unknown): RpcException {
  const { message, stack } = workerFailure(error);
  const rpc = `Microsoft.Azure.WebJobs.Script.Workers.Rpc.RpcException : Result: Failure\nException: ${message}\nStack: ${stack}`;
  return {
    message: `Microsoft.Azure.WebJobs.Host.FunctionInvocationException : Exception while executing function: Functions.${functionName} ---> ${rpc}\n   End of inner exception`,
    stackTrace: '',
    source: '',
  };
}

/** What the worker reports for a failed invocation: the error's message and stack. */
function workerFailure(error: unknown): { message: string; stack: string } {
  try {
    if (error instanceof Error) {
      return { message: error.message, stack: error.stack ?? '' };
    }
  } catch {
    // A getter that throws: describe the value instead.
  }
  return { message: describeError(error), stack: '' };
}
