import type { InvocationContext } from '@azure/functions';
import type { AppFunction } from '../appFunctions.js';

/** Console-like logging: `console` in the app phases, the invocation's own logger in invocation phases. */
export interface Logger {
  log(...args: unknown[]): void;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** What every hook receives about its own extension. */
export interface ExtensionContext<O, A> {
  /** The extension's name. */
  readonly extension: string;
  /** The options resolved by the latest `configure()` (the defaults before it). */
  readonly options: Readonly<O>;
  /** The extension's app-wide state, made once by `appState()` when the extension registers. */
  readonly appState: A;
}

interface AppPhaseContext<O, A> extends ExtensionContext<O, A> {
  readonly logger: Logger;
}

/** `init`: once, when the first `configure()` registers the extension. */
export type InitContext<O, A> = AppPhaseContext<O, A>;
/** `appStart`: when the worker starts the app, before the first invocation. */
export interface AppStartHookContext<O, A> extends AppPhaseContext<O, A> {
  /**
   * The app's functions, in registration order (name, trigger type; for HTTP the methods and route), or `undefined`
   * when the SDK could not see every registration (it was loaded after the app registered some, or the host's core
   * API cannot be watched): see docs/lifecycle.md.
   */
  readonly functions: readonly AppFunction[] | undefined;
}
/** `appTerminate`: when the worker shuts the app down. */
export type AppTerminateHookContext<O, A> = AppPhaseContext<O, A>;

/** What every invocation phase knows about the invocation. */
export interface InvocationInfo {
  readonly functionName: string;
  readonly invocationId: string;
  /** The trigger binding type, e.g. `httpTrigger`, `timerTrigger`. */
  readonly triggerType: string;
  /** The real `InvocationContext`: the same object the handler receives. */
  readonly invocationContext: InvocationContext;
  /** The invocation's own logger, so lines are attributed to the function and the invocation. */
  readonly logger: Logger;
}

interface InvocationPhaseContext<O, S, A> extends ExtensionContext<O, A>, InvocationInfo {
  /** This extension's state for this invocation, made by `state()`; no other extension sees it. */
  state: S;
}

/** `preInvocation`: before the handler. */
export interface PreInvocationHookContext<O, S, A = unknown> extends InvocationPhaseContext<O, S, A> {
  /** The handler's inputs (the trigger input first). Replace or mutate to change what the handler receives. */
  inputs: unknown[];
  /**
   * Answers the invocation with `result` without running the handler: later pre hooks and every `aroundHandler`
   * are skipped; the post phase of the extensions that already ran (this one included) still runs, in reverse.
   */
  respond(result: unknown): void;
}

/** `aroundHandler`: wraps the handler; `next()` runs the rest of the chain inside the caller's async context. */
export interface HandlerContext<O, S, A = unknown> extends InvocationPhaseContext<O, S, A> {
  /** The inputs the handler will receive; replace them before calling `next()` to change them. */
  inputs: unknown[];
}

/**
 * The function `aroundHandler` calls to run the inner wrappers and the handler; resolves to the result. Await it or
 * return it: a wrapper that returns without looking at it keeps its own result, and a failure of the handler is then
 * only logged, as the wrapper's fault.
 */
export type NextHandler = () => Promise<unknown>;

/** `postInvocation`: after the handler (or after a short-circuit, or a failed pre phase). */
export interface PostInvocationHookContext<O, S, A = unknown> extends InvocationPhaseContext<O, S, A> {
  /**
   * The inputs the handler received, as the pre phase and the wrappers left them (when the handler did not run:
   * the ones it would have received).
   */
  readonly inputs: readonly unknown[];
  /** The invocation's result so far; assign to replace it. */
  result: unknown;
  /** The invocation's error so far, `undefined` when there is none; assign to replace it, `undefined` to clear. */
  error: unknown;
  /** Whether an error is present right now. */
  readonly failed: boolean;
  /** Clears the error; with an argument, also sets the result. */
  recover(...result: [result?: unknown]): void;
  /** Whether a pre hook answered with `respond()` and the handler was skipped. */
  readonly shortCircuited: boolean;
}

/** `onError`: the post context of a failed invocation, run just before this extension's `postInvocation`. */
export type ErrorContext<O, S, A = unknown> = PostInvocationHookContext<O, S, A>;
