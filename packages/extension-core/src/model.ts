import type { InvocationContext } from '@azure/functions';
import type { Logger, NextHandler } from './contexts/types.js';
import type { DisabledSetting } from './disabled.js';
import type { OptionsSchema } from './options/types.js';
import type { NormalizedScope } from './scope.js';

// The SDK's internal model, in one place: what a definition compiles to, what the registry holds, and what the
// worker hands the dispatcher. Everything else imports it downward; it imports nothing of the SDK's machinery.
//
// Every shape here that the registry stores is also the protocol between copies of the SDK in one process (see
// sharing.ts): a copy may dispatch extensions that another copy compiled. Change one of these shapes and the
// protocol version goes up.

/** The context of an app phase (init, appStart, appTerminate) as the dispatcher builds it. */
export interface AppPhaseContextValue {
  readonly extension: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly appState: unknown;
  readonly logger: Logger;
  /** appStart only: the app's functions, `undefined` when the SDK could not see every registration. */
  readonly functions?: readonly AppFunctionValue[] | undefined;
}

// Hooks are called with the extension's per-invocation context, typed here by what every phase shares.
export type AppHook = (this: unknown, ctx: AppPhaseContextValue) => unknown;
export type InvocationHook = (this: unknown, ctx: object) => unknown;
export type AroundHook = (this: unknown, ctx: object, next: NextHandler) => unknown;

/** A definition checked once and flattened for the dispatcher. */
export interface CompiledExtension {
  readonly name: string;
  /** The author's object: hooks are called with it as `this`. */
  readonly definition: object;
  readonly schema: OptionsSchema;
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly defaultScope: NormalizedScope;
  /** Where it asked to be in the onion, `undefined` for registration order. */
  readonly order: 'first' | 'last' | { readonly before: string } | { readonly after: string } | undefined;
  readonly failInvocationOnError: boolean;
  readonly hookTimeoutMs: number | undefined;
  readonly createState: (() => unknown) | undefined;
  readonly createAppState: (() => unknown) | undefined;
  readonly init: AppHook | undefined;
  readonly appStart: AppHook | undefined;
  readonly appTerminate: AppHook | undefined;
  readonly preInvocation: InvocationHook | undefined;
  readonly aroundHandler: AroundHook | undefined;
  readonly postInvocation: InvocationHook | undefined;
  readonly onError: InvocationHook | undefined;
  readonly validateOptions: ((this: unknown, options: Readonly<Record<string, unknown>>) => unknown) | undefined;
  /** Whether it has any invocation hook; an extension without one never enters an invocation's plan. */
  readonly runsPerInvocation: boolean;
  /**
   * The definition's name, option names and hook source text: equal for the same extension loaded twice (the ES
   * module and CommonJS builds of one package, or one version installed twice), different for another extension
   * that took the same name.
   */
  readonly fingerprint: string;
}

/** A configured extension: its definition plus what the customer chose and what the app has made of it. */
export interface RegisteredExtension {
  readonly ext: CompiledExtension;
  /** The handle that registered it: a second definition with the same name is a different owner. */
  readonly owner: object;
  options: Readonly<Record<string, unknown>>;
  scope: NormalizedScope;
  disabled: boolean;
  readonly appState: unknown;
  /** Set once `init` has been started; `initDone` settles when it has finished (faults are already logged). */
  initStarted: boolean;
  initDone: Promise<void> | undefined;
  /** Its `init` threw or rejected: it is left out of every phase, as a disabled extension is, and says so at start-up. */
  initFailed: boolean;
  /** A function its scope names that the app does not have fails the app's start, rather than a warning. */
  strictScope?: boolean | undefined;
}

export function registeredExtension(
  ext: CompiledExtension,
  owner: object,
  options: Readonly<Record<string, unknown>>,
  scope: NormalizedScope,
): RegisteredExtension {
  return {
    ext,
    owner,
    options,
    scope,
    disabled: false,
    appState: ext.createAppState?.(),
    initStarted: false,
    initDone: undefined,
    initFailed: false,
    strictScope: false,
  };
}

/** The extensions that run for one function, in pre-invocation order. */
export interface FunctionPlan {
  readonly triggerType: string;
  readonly entries: readonly RegisteredExtension[];
  /** Whether any of them wraps the handler: without one, the handler is left as it is. */
  readonly wrapsHandler: boolean;
  /** The positions in `entries` of the extensions that wrap the handler, outermost first. */
  readonly wrapperSlots: readonly number[];
}

/** Something registered with the worker that can be taken back. */
export interface Disposable {
  dispose(): void;
}

/**
 * One app's extensions, as plain data that every copy of the SDK in the process reads and writes (one per worker
 * core API; one more for code that runs without a worker, such as unit tests).
 */
export interface RegistryState {
  /** In registration order. */
  readonly entries: RegisteredExtension[];
  /** Bumped on every change, so that each copy's cached order and plans know when to start over. */
  generation: number;
  disabled: DisabledSetting | undefined;
  /** The native hooks one copy registered for all of them: one pre and one post hook however many copies. */
  hooks: { readonly invocation: readonly Disposable[]; appTerminate: Disposable | undefined } | undefined;
  /** The app's functions as registered since the SDK started watching (appFunctions.ts); absent from older copies. */
  registrations?: ObservedFunctions | undefined;
}

/** The functions registered with the worker, in order, and why the list is not the whole app when it cannot be. */
export interface ObservedFunctions {
  readonly functions: AppFunctionValue[];
  /** Set when some registration may have been missed: the list is then never used to judge a scope. */
  unknownBecause: string | undefined;
}

/** One registered function (see `AppFunction`, its public name). */
export interface AppFunctionValue {
  readonly name: string;
  readonly triggerType: string;
  readonly methods?: readonly string[] | undefined;
  readonly route?: string | undefined;
}

/**
 * The worker's own hook contexts, as `@azure/functions-core` passes them to a hook registered on it (the
 * library's `PreInvocationContext`/`PostInvocationContext` classes are views of these). `hookData` is fresh per
 * invocation and shared by its pre and post hooks; `inputs` and `functionCallback` are read back by the worker
 * after the pre hooks, `result` and `error` after the post hooks.
 */
export interface CorePreInvocationContext {
  readonly hookData: Record<string, unknown>;
  readonly invocationContext: InvocationContext;
  inputs: unknown[];
  functionCallback: (...args: unknown[]) => unknown;
}

export interface CorePostInvocationContext {
  readonly hookData: Record<string, unknown>;
  readonly invocationContext: InvocationContext;
  readonly inputs: unknown[];
  result: unknown;
  error: unknown;
}
