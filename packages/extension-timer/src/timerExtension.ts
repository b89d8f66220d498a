import { defineExtension, option } from '@azfx/extension-core';
import type { InvocationContext } from '@azure/functions';
import { elapsedLogLine, elapsedSince, isServerTimingName, readMonotonicClock, slowLogLine, type Outcome } from './formatting.js';
import { rewriteHttpResult } from './rewriteHttpResult.js';

/** The levels the elapsed-time line can be logged at; `'none'` logs only slow invocations. */
export const TIMER_LOG_LEVELS = ['info', 'debug', 'trace', 'none'] as const;

/**
 * Measures every invocation on the monotonic clock, from its own pre hook to its own post hook: registered
 * first, its pre hook runs first and its post hook last, so it measures the other extensions too.
 */
export const TimerExtension = defineExtension({
  name: 'timer',
  options: {
    /** Append ` (TimeElapsed: <seconds> sec)` to text HTTP bodies, as the Python sample does. */
    appendToHttpResponse: option.boolean({ default: false }),
    /** Add a Server-Timing metric to every HTTP response. */
    serverTiming: option.boolean({ default: true }),
    serverTimingName: option.custom<string>({
      default: 'total',
      expected: 'a Server-Timing metric name: an RFC 7230 token such as "total" (letters, digits, !#$%&\'*+-.^_`|~)',
      check: (value) => typeof value === 'string' && isServerTimingName(value),
    }),
    /** Only these functions are measured (all when omitted). */
    include: option.stringList(),
    /** These functions are not measured; wins over `include`. */
    exclude: option.stringList(),
    /** Invocations that take longer are logged as a warning. */
    slowThresholdMs: option.number({ min: 0 }),
    logLevel: option.oneOf(TIMER_LOG_LEVELS, { default: 'info' }),
  },
  // Per invocation, held by the SDK in that invocation's hook data: nothing outlives the invocation.
  state: (): { start: bigint | undefined } => ({ start: undefined }),

  preInvocation(ctx) {
    if (isMeasured(ctx.functionName, ctx.options)) ctx.state.start = readMonotonicClock();
  },

  postInvocation(ctx) {
    const { start } = ctx.state;
    if (start === undefined) return;
    // Read the clock first: everything after this line is the timer's own cost, not the invocation's.
    const elapsed = elapsedSince(start);
    const { options } = ctx;
    // Runs on every invocation: each step reads only what its option needs (the defaults log and add the header).
    const logs = options.logLevel !== 'none';
    const slow = options.slowThresholdMs !== undefined && elapsed.milliseconds > options.slowThresholdMs;
    if (logs || slow) {
      const outcome: Outcome = ctx.failed ? 'failed' : ctx.shortCircuited ? 'answered early' : 'completed';
      const invocation = { functionName: ctx.functionName, invocationId: ctx.invocationId, outcome, elapsed };
      if (logs) ctx.logger[options.logLevel](elapsedLogLine(invocation));
      if (slow) ctx.logger.warn(slowLogLine(invocation, options.slowThresholdMs));
    }

    const appendToBody = options.appendToHttpResponse;
    if (!appendToBody && !options.serverTiming) return;
    // A failed invocation is answered by the host (500, empty body), whatever its result says.
    if (ctx.failed || !returnsHttpResponse(ctx.invocationContext)) return;
    // Synchronous: a synchronous post hook keeps the SDK's whole post phase synchronous too.
    ctx.result = rewriteHttpResult(ctx.result, {
      elapsed,
      appendToBody,
      serverTimingName: options.serverTiming ? options.serverTimingName : undefined,
      // Only a suffix depends on the method (a HEAD response has no body); reading it is a getter of the library's.
      requestMethod: appendToBody ? requestMethodOf(ctx.inputs[0]) : undefined,
    });
  },
});

/** The timer's resolved options, as `TimerExtension.options` holds them. */
export type TimerOptions = (typeof TimerExtension)['options'];

// The return value becomes the HTTP response only when the function's return binding is `http` (every
// `app.http` function); other functions' results are theirs to keep.
function returnsHttpResponse(invocationContext: InvocationContext): boolean {
  const type = invocationContext.options.return?.type;
  return type === 'http' || type?.toLowerCase() === 'http';
}

function requestMethodOf(triggerInput: unknown): string | undefined {
  const method = (triggerInput as { method?: unknown } | null | undefined)?.method;
  return typeof method === 'string' ? method : undefined;
}

/** The timer's per-function opt-in (`include`) and opt-out (`exclude`) lists, as resolved options. */
export interface FunctionSelection {
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
}

interface LowerCasedSelection {
  readonly include: ReadonlySet<string> | undefined;
  readonly exclude: ReadonlySet<string> | undefined;
}

// The lists lower-cased once per configuration rather than on every invocation. configure() resolves a new options
// object each time it is called, so the object is the key: a new configuration gets its own entry, and an old one's
// goes when its options object is collected.
const lowerCased = new WeakMap<FunctionSelection, LowerCasedSelection>();

/**
 * Whether the timer measures this function. No `include` list means every function; `exclude` wins over
 * `include`. Function names compare case-insensitively, as Azure Functions treats them.
 */
export function isMeasured(functionName: string, selection: FunctionSelection): boolean {
  if (selection.include === undefined && selection.exclude === undefined) return true;
  const { include, exclude } = lowerCasedLists(selection);
  const name = functionName.toLowerCase();
  if (exclude?.has(name) === true) return false;
  return include === undefined || include.has(name);
}

function lowerCasedLists(selection: FunctionSelection): LowerCasedSelection {
  let lists = lowerCased.get(selection);
  if (lists === undefined) {
    lists = { include: lowerCasedSet(selection.include), exclude: lowerCasedSet(selection.exclude) };
    lowerCased.set(selection, lists);
  }
  return lists;
}

function lowerCasedSet(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  return list === undefined ? undefined : new Set(list.map((entry) => entry.toLowerCase()));
}
