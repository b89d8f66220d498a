import { ExtensionHookError } from '../errors.js';
import { describeFault, logInvocationFault, toInvocationError } from '../faults.js';
import type { ExtensionInvocation, InvocationRecord } from './invocation.js';
import { WatchedPromise } from './WatchedPromise.js';

type Handler = (...args: unknown[]) => unknown;

/**
 * Replaces the handler with the chain of `aroundHandler` wrappers, first extension outermost. The worker calls the
 * replacement exactly where it would call the handler, so each wrapper, and the handler inside `next()`, runs in
 * the handler's own async context: a wrapper that enters an AsyncLocalStorage around `next()` is seen by the
 * handler.
 */
export function wrapHandler(
  record: InvocationRecord,
  handler: Handler,
  wrappers: ExtensionInvocation[],
): Handler {
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
  const handler = record.innerHandler as Handler;
  const inputs = record.handlerInputs ?? [];
  record.receivedInputs = inputs;
  return handler(...inputs, record.handlerContext);
}

/**
 * One wrapper's turn. `next` runs the inner chain at most once; calling it again returns the same promise.
 *
 * A wrapper that calls `next()` and returns without awaiting it has replaced the result with its own. The inner
 * chain may still fail, and nothing else would handle that rejection: Node would end the process. So the SDK
 * always handles it, and when the wrapper never looked at it, logs it as that wrapper's fault.
 */
class WrapperStep {
  readonly #record: InvocationRecord;
  readonly #invocation: ExtensionInvocation;
  readonly #index: number;
  #inner: WatchedPromise<unknown> | undefined;
  #innerFailed = false;
  #innerError: unknown;
  #wrapperDone = false;

  constructor(record: InvocationRecord, invocation: ExtensionInvocation, index: number) {
    this.#record = record;
    this.#invocation = invocation;
    this.#index = index;
  }

  readonly next = (): Promise<unknown> => (this.#inner ??= this.#startInner());

  #startInner(): WatchedPromise<unknown> {
    const inner = this.#runInner();
    const watched = new WatchedPromise<unknown>((resolve, reject) => {
      inner.then(resolve, reject);
    });
    // Handled here, without counting as the wrapper looking at it: what the wrapper does not await is ours to log.
    watched.handleUnwatched(ignore);
    return watched;
  }

  async #runInner(): Promise<unknown> {
    try {
      return await runFrom(this.#record, this.#index + 1);
    } catch (error) {
      // Remembered before the wrapper sees it, so that a wrapper passing the handler's error on is not blamed.
      this.#innerFailed = true;
      this.#innerError = error;
      this.#reportIfDropped();
      throw error;
    }
  }

  async run(): Promise<unknown> {
    const invocation = this.#invocation;
    const ext = invocation.entry.ext;
    let result: unknown;
    try {
      result = await ext.aroundHandler?.call(ext.definition, invocation, this.next);
    } catch (fault) {
      if (this.#innerFailed && fault === this.#innerError) throw fault;
      logInvocationFault(this.#record.invocationContext, ext.name, 'aroundHandler', fault);
      if (ext.failInvocationOnError) {
        this.#finishWrapper();
        throw toInvocationError(ext.name, 'aroundHandler', fault);
      }
      // The wrapper's own fault must not change the outcome: the handler runs (or has run) regardless, and its
      // outcome, failure included, is passed on.
      return this.next();
    }
    this.#finishWrapper();
    return result;
  }

  #finishWrapper(): void {
    this.#wrapperDone = true;
    this.#reportIfDropped();
  }

  /**
   * Once the wrapper has finished and the inner chain has failed, in either order: if the wrapper never subscribed
   * to `next()`'s promise, the error reached nobody. It is logged (once); the wrapper's outcome stands.
   */
  #reportIfDropped(): void {
    const inner = this.#inner;
    if (!this.#wrapperDone || !this.#innerFailed || inner === undefined || inner.watched) return;
    inner.watched = true;
    const name = this.#invocation.entry.ext.name;
    const reason =
      'returned without awaiting next(), which then failed; the invocation keeps what the wrapper returned and ' +
      `this error goes nowhere else: ${describeFault(this.#innerError)}`;
    logInvocationFault(this.#record.invocationContext, name, 'aroundHandler', new ExtensionHookError(name, 'aroundHandler', reason));
  }
}

function ignore(): void {
  // The rejection is reported by #reportIfDropped, or by whoever awaited it.
}
