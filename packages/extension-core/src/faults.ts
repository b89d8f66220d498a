import { inspect, types } from 'node:util';
import { ExtensionHookError } from './errors.js';

/** Where an extension's code ran when it faulted; named in the log line. */
export type Phase =
  | 'init'
  | 'appStart'
  | 'appTerminate'
  | 'scope'
  | 'state'
  | 'preInvocation'
  | 'aroundHandler'
  | 'postInvocation'
  | 'onError';

/** Where an invocation's faults are logged: its `InvocationContext`, in practice. */
export interface InvocationLogTarget {
  readonly functionName: string;
  readonly invocationId: string;
  error(...args: unknown[]): void;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    // Reading `then` threw (a Proxy, a getter): awaiting it rejects with that error, so it is handled as a hook
    // that rejected, instead of escaping the dispatcher.
    return true;
  }
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || types.isNativeError(value);
  } catch {
    // `instanceof` runs a Proxy's getPrototypeOf trap, which may throw.
    return false;
  }
}

const unreadableReason = 'threw a value that cannot be read (reading or inspecting it threw)';

/**
 * The fault's text for a log line: an Error's stack, or what else happened. Never throws: a thrown value can throw
 * again when read (a stack getter, a custom inspect, a Proxy), and a fault in describing a fault would escape the
 * dispatcher and fail the invocation that the extension's own fault must leave alone.
 */
export function describeFault(fault: unknown): string {
  try {
    if (fault instanceof ExtensionHookError) return fault.reason;
    if (isError(fault)) return fault.stack ?? `${fault.name}: ${fault.message}`;
  } catch {
    return unreadableReason;
  }
  return nonErrorReason(fault);
}

function nonErrorReason(fault: unknown): string {
  try {
    return `threw a non-Error value: ${inspect(fault, { depth: 2, breakLength: Infinity })}`;
  } catch {
    return unreadableReason;
  }
}

/** Logs a fault at error level through the invocation's own logger, so it lands with the invocation's logs. */
export function logInvocationFault(target: InvocationLogTarget, extension: string, phase: Phase, fault: unknown): void {
  target.error(
    `[azfx] Extension "${extension}" failed in ${phase} for function "${target.functionName}" ` +
      `(invocation ${target.invocationId}): ${describeFault(fault)}`,
  );
}

/** Logs a fault of an app phase (init, appStart, appTerminate): there is no invocation logger there. */
export function logAppFault(extension: string, phase: Phase, fault: unknown): void {
  console.error(`[azfx] Extension "${extension}" failed in ${phase}: ${describeFault(fault)}`);
}

/**
 * The error an invocation fails with when an extension declared `failInvocationOnError`. An `Error` is kept as it
 * is, so outer extensions can inspect it; anything else is wrapped, because `null` or `undefined` would read as
 * "no error" and silently let the invocation succeed.
 */
export function toInvocationError(extension: string, phase: Phase, fault: unknown): Error {
  if (isError(fault)) return fault;
  return new ExtensionHookError(extension, phase, nonErrorReason(fault), { cause: fault });
}

/** What a hook that times out leaves behind: its invocation context, which must then ignore it. */
export interface Abandonable {
  abandon(phase: Phase): void;
}

/**
 * Awaits a hook's promise, but no longer than `timeoutMs`: past it, the hook is abandoned (its eventual outcome is
 * ignored, never an unhandled rejection; `context`, if given, is told at once, before anything else can run) and
 * the timeout is the fault.
 */
export function settleHook(
  outcome: PromiseLike<unknown>,
  extension: string,
  phase: Phase,
  timeoutMs: number | undefined,
  context?: Abandonable,
): Promise<unknown> {
  if (timeoutMs === undefined) return Promise.resolve(outcome);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      context?.abandon(phase);
      const reason = `timed out after ${timeoutMs} ms; the hook was abandoned`;
      reject(new ExtensionHookError(extension, phase, reason, { timedOut: true }));
    }, timeoutMs);
  });
  // race() subscribes to the hook's promise, so a rejection after the timeout is handled, not unhandled.
  return Promise.race([outcome, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
