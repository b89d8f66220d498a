import type {
  AppStartHookContext,
  AppTerminateHookContext,
  ErrorContext,
  HandlerContext,
  InitContext,
  NextHandler,
  PostInvocationHookContext,
  PreInvocationHookContext,
} from './contexts/types.js';
import type { OptionsInput, OptionsSchema, ResolvedOptions } from './options/types.js';
import type { Scope } from './scope.js';

/** A hook may finish synchronously or return a promise; both are awaited in order. */
export type HookResult = void | Promise<void>;

/**
 * Everything an extension is, written once by its author and passed to `defineExtension`. Every hook is optional
 * and may be sync or async.
 */
export interface ExtensionDefinition<Schema extends OptionsSchema, S, A> {
  /** Unique; used in logs and in `AZFX_EXTENSIONS_DISABLED`. No commas, no whitespace. */
  name: string;
  /** The option schema, built with `option.*`. */
  options?: Schema;
  /** Makes this extension's private state for one invocation. */
  state?: () => S;
  /** Makes this extension's app-wide state, once, when it registers. */
  appState?: () => A;
  /** Where it runs unless the customer says otherwise in `configure(options, { scope })`. Default `'app'`. */
  scope?: Scope;
  /**
   * Its place in the onion when registration order is not what it needs: `'first'` (outermost: its pre hook runs
   * first, its post hook last, so it sees everything, as a timer or tracer wants), `'last'` (innermost, next to the
   * handler), or `{ before: name }` / `{ after: name }` of another extension. Default: registration order.
   */
  order?: ExtensionOrder;
  /** When `true`, a fault of this extension fails the invocation instead of only being logged. Default `false`. */
  failInvocationOnError?: boolean;
  /** A hook whose promise takes longer is logged as a fault and abandoned (not awaited further). */
  hookTimeoutMs?: number | undefined;
  /**
   * Checks the resolved options as a whole, for rules no single `option.*` can state (one option needs another, a
   * minimum below a maximum). Return what is wrong, as a sentence for the customer, or `undefined` when they are
   * fine; `configure()` then throws an `ExtensionConfigurationError` with it and changes nothing.
   */
  validateOptions?(options: ResolvedOptions<Schema>): string | undefined;

  init?(ctx: InitContext<ResolvedOptions<Schema>, A>): HookResult;
  appStart?(ctx: AppStartHookContext<ResolvedOptions<Schema>, A>): HookResult;
  appTerminate?(ctx: AppTerminateHookContext<ResolvedOptions<Schema>, A>): HookResult;
  preInvocation?(ctx: PreInvocationHookContext<ResolvedOptions<Schema>, S, A>): HookResult;
  aroundHandler?(ctx: HandlerContext<ResolvedOptions<Schema>, S, A>, next: NextHandler): unknown;
  postInvocation?(ctx: PostInvocationHookContext<ResolvedOptions<Schema>, S, A>): HookResult;
  onError?(ctx: ErrorContext<ResolvedOptions<Schema>, S, A>): HookResult;
}

/** Where an extension asks to be in the onion; see `ExtensionDefinition.order`. */
export type ExtensionOrder = 'first' | 'last' | { readonly before: string } | { readonly after: string };

/** The second argument of `configure()`. */
export interface ExtensionRegistration {
  /** Overrides the extension's default scope. */
  scope?: Scope;
  /**
   * A function the scope names that the app does not have fails the app's start, instead of the warning (with the
   * closest name) it gets otherwise. Checked at app start, when the SDK can see every function the app registered.
   */
  strictScope?: boolean;
}

/** The handle `defineExtension` returns: what the customer imports and configures. */
export interface Extension<O, S = unknown, A = unknown> {
  readonly name: string;
  /**
   * Validates the options and applies them. The first call registers the extension (and runs its `init`); later
   * calls replace the options (resolved over the defaults, not over earlier options) and the scope.
   */
  configure(options?: OptionsInput<O>, registration?: ExtensionRegistration): Extension<O, S, A>;
  /** The current resolved options: the defaults until `configure()` is called. */
  readonly options: Readonly<O>;
  readonly isConfigured: boolean;
  /** Unregisters the extension (tests, hot reload). A later `configure()` registers it again. */
  dispose(): void;
}

/** One registered extension, as `listExtensions()` reports it. */
export interface ExtensionInfo {
  readonly name: string;
  readonly scope: Scope;
  readonly options: Readonly<Record<string, unknown>>;
  /** Turned off by `AZFX_EXTENSIONS_DISABLED`, or left out because its `init` failed. */
  readonly disabled: boolean;
  /** Position in the pre-invocation order (0 runs first): app scope first, then registration order. */
  readonly order: number;
}
