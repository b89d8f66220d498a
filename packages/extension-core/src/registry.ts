import { isDisabled, readDisabledSetting, type DisabledSetting } from './disabled.js';
import { logInvocationFault, type InvocationLogTarget } from './faults.js';
import type { RegisteredExtension } from './RegisteredExtension.js';
import { scopeSelects, type FunctionInfo } from './scope.js';
import type { ExtensionInfo } from './types.js';

/** The extensions that run for one function, in pre-invocation order. */
export interface FunctionPlan {
  readonly triggerType: string;
  readonly entries: readonly RegisteredExtension[];
  /** Whether any of them wraps the handler: without one, the handler is left as it is. */
  readonly wrapsHandler: boolean;
  /** The positions in `entries` of the extensions that wrap the handler, outermost first. */
  readonly wrapperSlots: readonly number[];
}

/**
 * The app's configured extensions. Everything an invocation needs is precomputed here per function name and kept
 * until the set of extensions or their configuration changes, so the hot path is one map lookup.
 */
export class Registry {
  #entries: RegisteredExtension[] = [];
  #ordered: RegisteredExtension[] | undefined;
  #plans = new Map<string, FunctionPlan>();
  #disabled: DisabledSetting | undefined;

  find(owner: object): RegisteredExtension | undefined {
    return this.#entries.find((entry) => entry.owner === owner);
  }

  findByName(name: string): RegisteredExtension | undefined {
    const key = name.toLowerCase();
    return this.#entries.find((entry) => entry.ext.name.toLowerCase() === key);
  }

  add(entry: RegisteredExtension): void {
    this.#entries.push(entry);
    // Registration is one of the two moments the disable setting is read (app start is the other).
    this.refreshDisabled();
  }

  remove(owner: object): RegisteredExtension | undefined {
    const index = this.#entries.findIndex((entry) => entry.owner === owner);
    if (index < 0) return undefined;
    const [removed] = this.#entries.splice(index, 1);
    this.invalidate();
    return removed;
  }

  clear(): void {
    this.#entries = [];
    this.#disabled = undefined;
    this.invalidate();
  }

  /** Forgets every precomputed plan: after configure, dispose and app start. */
  invalidate(): void {
    this.#ordered = undefined;
    this.#plans.clear();
  }

  refreshDisabled(): void {
    const setting = readDisabledSetting();
    this.#disabled = setting;
    for (const entry of this.#entries) entry.disabled = isDisabled(setting, entry.ext.name);
    this.invalidate();
  }

  get disabledSetting(): DisabledSetting {
    return (this.#disabled ??= readDisabledSetting());
  }

  /** Every registered extension in pre-invocation order: app scope first, each group in registration order. */
  ordered(): readonly RegisteredExtension[] {
    return (this.#ordered ??= [
      ...this.#entries.filter((entry) => entry.scope.kind === 'app'),
      ...this.#entries.filter((entry) => entry.scope.kind === 'function'),
    ]);
  }

  /**
   * The plan for a function. Plans are cached per function name; the trigger type is checked too, because a test
   * may reuse a name with another trigger. A `when` predicate that throws is that extension's fault: logged, the
   * extension skipped, and the plan not cached so that the next invocation asks again.
   */
  planFor(functionName: string, triggerType: string, log: InvocationLogTarget): FunctionPlan {
    const cached = this.#plans.get(functionName);
    if (cached?.triggerType === triggerType) return cached;
    const info: FunctionInfo = { functionName, triggerType };
    const functionKey = functionName.toLowerCase();
    const triggerKey = triggerType.toLowerCase();
    const entries: RegisteredExtension[] = [];
    let cacheable = true;
    for (const entry of this.ordered()) {
      if (entry.disabled || !entry.ext.runsPerInvocation) continue;
      try {
        if (scopeSelects(entry.scope, functionKey, triggerKey, info)) entries.push(entry);
      } catch (fault) {
        cacheable = false;
        logInvocationFault(log, entry.ext.name, 'scope', fault);
      }
    }
    const wrapperSlots: number[] = [];
    entries.forEach((entry, slot) => {
      if (entry.ext.aroundHandler !== undefined) wrapperSlots.push(slot);
    });
    const plan: FunctionPlan = { triggerType, entries, wrapsHandler: wrapperSlots.length > 0, wrapperSlots };
    if (cacheable) this.#plans.set(functionName, plan);
    return plan;
  }

  /** What the registry holds; the SDK's own soak test checks that invocations leave both where they were. */
  get size(): { readonly extensions: number; readonly plans: number } {
    return { extensions: this.#entries.length, plans: this.#plans.size };
  }

  list(): readonly ExtensionInfo[] {
    return this.ordered().map((entry, order) => ({
      name: entry.ext.name,
      scope: entry.scope.source,
      options: entry.options,
      disabled: entry.disabled,
      order,
    }));
  }
}

/** The one registry of this copy of the package. */
export const registry = new Registry();
