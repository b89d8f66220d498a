import type { FunctionHandler } from '@azure/functions';
import type { ExtensionInvocation } from '../contexts/ExtensionInvocation.js';
import { logInvocationFault, toInvocationError } from '../faults.js';
import type { InvocationRecord } from './InvocationRecord.js';

/**
 * Replaces the handler with the chain of `aroundHandler` wrappers, first extension outermost. The worker calls the
 * replacement exactly where it would call the handler, so each wrapper, and the handler inside `next()`, runs in
 * the handler's own async context: a wrapper that enters an AsyncLocalStorage around `next()` is seen by the
 * handler.
 */
export function wrapHandler(
  record: InvocationRecord,
  handler: FunctionHandler,
  wrappers: ExtensionInvocation[],
): FunctionHandler {
  record.innerHandler = handler;
  record.wrappers = wrappers;
  return (...args: unknown[]) => {
    // The library calls handler(...inputs, invocationContext): the context is always the last argument.
    record.handlerContext = args.pop();
    record.handlerInputs = args;
    return runFrom(record, 0);
  };
}

function runFrom(record: InvocationRecord, index: number): Promise<unknown> {
  const wrapper = record.wrappers?.[index];
  if (wrapper !== undefined) return new WrapperStep(record, wrapper, index).run();
  return callHandler(record);
}

// Async so that a handler's synchronous throw becomes a rejection like any other handler failure. The handler is
// still called synchronously, in the caller's async context.
// eslint-disable-next-line @typescript-eslint/require-await
async function callHandler(record: InvocationRecord): Promise<unknown> {
  const handler = record.innerHandler as (...args: unknown[]) => unknown;
  return handler(...(record.handlerInputs ?? []), record.handlerContext);
}

/** One wrapper's turn. `next` runs the inner chain at most once; calling it again returns the same promise. */
class WrapperStep {
  readonly #record: InvocationRecord;
  readonly #invocation: ExtensionInvocation;
  readonly #index: number;
  #inner: Promise<unknown> | undefined;
  #innerFailed = false;
  #innerError: unknown;

  constructor(record: InvocationRecord, invocation: ExtensionInvocation, index: number) {
    this.#record = record;
    this.#invocation = invocation;
    this.#index = index;
  }

  readonly next = (): Promise<unknown> => (this.#inner ??= this.#runInner());

  async #runInner(): Promise<unknown> {
    try {
      return await runFrom(this.#record, this.#index + 1);
    } catch (error) {
      // Remembered before the wrapper sees it, so that a wrapper passing the handler's error on is not blamed.
      this.#innerFailed = true;
      this.#innerError = error;
      throw error;
    }
  }

  async run(): Promise<unknown> {
    const invocation = this.#invocation;
    const ext = invocation.entry.ext;
    try {
      return await ext.aroundHandler?.call(ext.definition, invocation, this.next);
    } catch (fault) {
      if (this.#innerFailed && fault === this.#innerError) throw fault;
      logInvocationFault(this.#record.invocationContext, ext.name, 'aroundHandler', fault);
      if (ext.failInvocationOnError) throw toInvocationError(ext.name, 'aroundHandler', fault);
      // The wrapper's own fault must not change the outcome: the handler runs (or has run) regardless.
      return this.next();
    }
  }
}
