import type { InvocationContext } from '@azure/functions';
import type { HandlerContext, Logger, PostInvocationHookContext, PreInvocationHookContext } from '../contexts/types.js';
import type { Phase } from '../faults.js';
import type { CorePostInvocationContext, CorePreInvocationContext, FunctionPlan, RegisteredExtension } from '../model.js';

// One invocation as the dispatcher tracks it: the record it keeps between the worker's pre and post hooks, and each
// extension's view of it (the context its hooks receive). The two refer to each other, so they live together.

/**
 * Where an invocation's record lives in the native `hookData`: that object is fresh per invocation and shared by
 * its pre and post hooks, so nothing outlives the invocation and concurrent invocations cannot see each other.
 */
const INVOCATION_RECORD = Symbol('azfx.invocation');

export type InvocationPhase = 'preInvocation' | 'handler' | 'postInvocation' | 'done';

/** One invocation as the SDK tracks it between the native pre and post hooks. */
export class InvocationRecord {
  readonly plan: FunctionPlan;
  readonly invocationContext: InvocationContext;
  phase: InvocationPhase = 'preInvocation';
  pre: CorePreInvocationContext;
  post: CorePostInvocationContext | undefined;
  /** Extensions whose pre phase completed, in order: exactly these run their post phase, in reverse. */
  readonly entered: ExtensionInvocation[] = [];
  shortCircuited = false;
  shortCircuitResult: unknown;
  /** A pre-phase fault of an extension with `failInvocationOnError`: the invocation fails with it. */
  failure: Error | undefined;
  // Set while the wrapped handler runs (see aroundHandler.ts).
  handlerInputs: unknown[] | undefined;
  /** What the handler was called with; a wrapper may still replace `handlerInputs` after `next()`. */
  receivedInputs: unknown[] | undefined;
  handlerContext: unknown;
  innerHandler: ((...args: unknown[]) => unknown) | undefined;
  /** Outermost first; may be `entered` itself when every extension that entered wraps the handler. */
  wrappers: ExtensionInvocation[] | undefined;

  constructor(plan: FunctionPlan, pre: CorePreInvocationContext) {
    this.plan = plan;
    this.pre = pre;
    this.invocationContext = pre.invocationContext;
  }
}

type HookData = Record<PropertyKey, unknown>;

export function attachRecord(hookData: Record<string, unknown>, record: InvocationRecord): void {
  (hookData as HookData)[INVOCATION_RECORD] = record;
}

export function findRecord(hookData: Record<string, unknown>): InvocationRecord | undefined {
  return (hookData as HookData)[INVOCATION_RECORD] as InvocationRecord | undefined;
}

/**
 * Forgets the record once the post phase is over. The library keeps the worker's context (and so `hookData`)
 * reachable through WeakMaps until its own context wrappers die, which promotes everything hanging off it out of
 * V8's young generation; dropping the record here lets the collector free it cheaply (measured: several µs per
 * invocation, docs/performance.md).
 */
export function detachRecord(hookData: Record<string, unknown>): void {
  (hookData as HookData)[INVOCATION_RECORD] = undefined;
}

/**
 * One extension's view of one invocation. The same object is its context in every invocation phase (pre, around,
 * error, post), so the state and everything else is made once per extension per invocation; the phase-specific
 * members check the record's phase so that a context kept past its phase fails loudly instead of misbehaving.
 *
 * A hook that outlived `hookTimeoutMs` is abandoned with its context: everything it would change later (answer,
 * inputs, result, error) is ignored, with one warning. The extension's later hooks of the same invocation get a
 * `successor()`, which shares the state.
 */
export class ExtensionInvocation
  implements
    PreInvocationHookContext<unknown, unknown>,
    HandlerContext<unknown, unknown>,
    PostInvocationHookContext<unknown, unknown>
{
  readonly record: InvocationRecord;
  readonly entry: RegisteredExtension;
  state: unknown;
  #abandonedIn: Phase | undefined;
  #warnedAbandoned = false;

  constructor(record: InvocationRecord, entry: RegisteredExtension, inherited?: { readonly state: unknown }) {
    this.record = record;
    this.entry = entry;
    if (inherited !== undefined) {
      this.state = inherited.state;
      return;
    }
    const createState = entry.ext.createState;
    this.state = createState === undefined ? undefined : createState();
  }

  /** Called when the hook running with this context outlived `hookTimeoutMs`: from now on it changes nothing. */
  abandon(phase: Phase): void {
    this.#abandonedIn ??= phase;
  }

  get abandoned(): boolean {
    return this.#abandonedIn !== undefined;
  }

  /** A live context for the extension's later hooks of this invocation, with the same state. */
  successor(): ExtensionInvocation {
    return new ExtensionInvocation(this.record, this.entry, this);
  }

  get extension(): string {
    return this.entry.ext.name;
  }

  get options(): Readonly<Record<string, unknown>> {
    return this.entry.options;
  }

  get appState(): unknown {
    return this.entry.appState;
  }

  get invocationContext(): InvocationContext {
    return this.record.invocationContext;
  }

  get logger(): Logger {
    return this.record.invocationContext;
  }

  get functionName(): string {
    return this.record.invocationContext.functionName;
  }

  get invocationId(): string {
    return this.record.invocationContext.invocationId;
  }

  get triggerType(): string {
    return this.record.invocationContext.options.trigger.type;
  }

  get inputs(): unknown[] {
    const record = this.record;
    switch (record.phase) {
      case 'preInvocation':
        return record.pre.inputs;
      case 'handler':
        return record.handlerInputs ?? record.pre.inputs;
      default:
        // What the handler really received: the worker's post context only knows what the pre phase left, not
        // what a wrapper passed on. Without a handler call, what it would have been called with.
        return record.receivedInputs ?? record.handlerInputs ?? record.post?.inputs ?? record.pre.inputs;
    }
  }

  set inputs(value: unknown[]) {
    if (this.#ignoredAfterAbandon('replaced inputs')) return;
    if (!Array.isArray(value)) throw new TypeError(`Extension "${this.extension}": inputs must be an array.`);
    const record = this.record;
    if (record.phase === 'preInvocation') record.pre.inputs = value;
    else if (record.phase === 'handler' && record.handlerInputs !== undefined) record.handlerInputs = value;
    else this.#misuse('inputs can only be replaced before the handler runs (preInvocation or aroundHandler)');
  }

  respond(result: unknown): void {
    if (this.#ignoredAfterAbandon('called respond()')) return;
    if (this.record.phase !== 'preInvocation') this.#misuse('respond() can only be called in preInvocation');
    this.record.shortCircuited = true;
    this.record.shortCircuitResult = result;
  }

  get shortCircuited(): boolean {
    return this.record.shortCircuited;
  }

  get result(): unknown {
    return this.record.post?.result;
  }

  set result(value: unknown) {
    if (this.#ignoredAfterAbandon('set result')) return;
    this.#post('result').result = value;
  }

  get error(): unknown {
    // The library treats null and undefined alike as "no error"; extensions see one spelling of it.
    return this.record.post?.error ?? undefined;
  }

  set error(value: unknown) {
    if (this.#ignoredAfterAbandon('set error')) return;
    this.#post('error').error = value;
  }

  get failed(): boolean {
    const error: unknown = this.record.post?.error;
    return error !== undefined && error !== null;
  }

  recover(...result: [result?: unknown]): void {
    if (this.#ignoredAfterAbandon('called recover()')) return;
    const post = this.#post('recover()');
    post.error = undefined;
    if (result.length > 0) post.result = result[0];
  }

  #post(member: string): NonNullable<InvocationRecord['post']> {
    const post = this.record.post;
    if (post === undefined || this.record.phase !== 'postInvocation') {
      return this.#misuse(`${member} can only be changed in postInvocation or onError`);
    }
    return post;
  }

  /**
   * Whether a change must be ignored because the hook was abandoned. The first ignored change is logged at warning
   * level: silently dropping it would hide why a cache answer or a recovery never took effect.
   */
  #ignoredAfterAbandon(change: string): boolean {
    const phase = this.#abandonedIn;
    if (phase === undefined) return false;
    if (!this.#warnedAbandoned) {
      this.#warnedAbandoned = true;
      this.record.invocationContext.warn(
        `[azfx] Extension "${this.extension}" ${change} after its ${phase} hook was abandoned (it outlived ` +
          `hookTimeoutMs) for function "${this.functionName}" (invocation ${this.invocationId}); the change was ignored.`,
      );
    }
    return true;
  }

  #misuse(problem: string): never {
    throw new Error(`Extension "${this.extension}": ${problem} (function "${this.functionName}").`);
  }
}
