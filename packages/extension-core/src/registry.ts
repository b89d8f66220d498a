import { watchRegistrations } from './appFunctions.js';
import { findCoreApi, type CoreApi } from './coreApi.js';
import { isDisabled, readDisabledSetting, type DisabledSetting } from './disabled.js';
import { logInvocationFault, type InvocationLogTarget } from './faults.js';
import type { CompiledExtension, FunctionPlan, RegisteredExtension, RegistryState } from './model.js';
import { scopeSelects, type FunctionInfo } from './scope.js';
import { sharedState } from './sharing.js';
import type { ExtensionInfo } from './types.js';

/**
 * One app's configured extensions, as this copy of the SDK sees them. The entries live in a state shared with every
 * other copy of the SDK in the app (sharing.ts); what this copy derives from them (the order, the plan of every
 * function) is its own, precomputed and kept until any copy changes the state, so the hot path is one number
 * compare and one map lookup.
 */
export class Registry {
  readonly state: RegistryState;
  /** The worker core API this app runs on, `undefined` without a worker. */
  readonly coreApi: CoreApi | undefined;
  #seen = -1;
  #ordered: RegisteredExtension[] | undefined;
  readonly #plans = new Map<string, FunctionPlan>();

  constructor(state: RegistryState, coreApi: CoreApi | undefined) {
    this.state = state;
    this.coreApi = coreApi;
  }

  /** What identifies the app to every copy of the SDK, whatever its protocol. */
  get appKey(): object {
    return this.coreApi ?? globalThis;
  }

  find(owner: object): RegisteredExtension | undefined {
    return this.state.entries.find((entry) => entry.owner === owner);
  }

  /**
   * The entry a handle controls: the one it registered, or the one registered by a twin of its definition (the
   * same extension from another build or installed copy of its package, see `CompiledExtension.fingerprint`).
   */
  findFor(owner: object, ext: CompiledExtension): RegisteredExtension | undefined {
    return this.find(owner) ?? this.state.entries.find((entry) => entry.ext.fingerprint === ext.fingerprint);
  }

  findByName(name: string): RegisteredExtension | undefined {
    const key = name.toLowerCase();
    return this.state.entries.find((entry) => entry.ext.name.toLowerCase() === key);
  }

  add(entry: RegisteredExtension): void {
    this.state.entries.push(entry);
    // Registration is one of the two moments the disable setting is read (app start is the other).
    this.refreshDisabled();
  }

  remove(entry: RegisteredExtension): RegisteredExtension | undefined {
    const entries = this.state.entries;
    const index = entries.indexOf(entry);
    if (index < 0) return undefined;
    const [removed] = entries.splice(index, 1);
    this.changed();
    return removed;
  }

  clear(): void {
    this.state.entries.length = 0;
    this.state.disabled = undefined;
    this.changed();
  }

  /** Tells every copy to forget what it derived: after configure, dispose and app start. */
  changed(): void {
    this.state.generation++;
  }

  refreshDisabled(): void {
    const setting = readDisabledSetting();
    this.state.disabled = setting;
    for (const entry of this.state.entries) entry.disabled = isDisabled(setting, entry.ext.name);
    this.changed();
  }

  get disabledSetting(): DisabledSetting {
    return (this.state.disabled ??= readDisabledSetting());
  }

  #current(): void {
    const generation = this.state.generation;
    if (this.#seen === generation) return;
    this.#seen = generation;
    this.#ordered = undefined;
    this.#plans.clear();
  }

  /**
   * Every registered extension in pre-invocation order: app scope first, each group in registration order; then
   * the places extensions asked for (`order`): `'first'` ones at the front, `'last'` ones at the end (each in
   * registration order), then each `before`/`after` one next to the extension it names, in one pass in registration
   * order. A name that matches no registered extension leaves the extension where it was.
   */
  ordered(): readonly RegisteredExtension[] {
    this.#current();
    return (this.#ordered ??= placeAsAsked(this.state.entries));
  }

  /**
   * The plan for a function. Plans are cached per function name; the trigger type is checked too, because a test
   * may reuse a name with another trigger. A `when` predicate that throws is that extension's fault: logged, the
   * extension skipped, and the plan not cached so that the next invocation asks again.
   */
  planFor(functionName: string, triggerType: string, log: InvocationLogTarget): FunctionPlan {
    this.#current();
    const cached = this.#plans.get(functionName);
    if (cached?.triggerType === triggerType) return cached;
    const info: FunctionInfo = { functionName, triggerType };
    const functionKey = functionName.toLowerCase();
    const triggerKey = triggerType.toLowerCase();
    const entries: RegisteredExtension[] = [];
    let cacheable = true;
    for (const entry of this.ordered()) {
      if (entry.disabled || entry.initFailed || !entry.ext.runsPerInvocation) continue;
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
    this.#current();
    return { extensions: this.state.entries.length, plans: this.#plans.size };
  }

  list(): readonly ExtensionInfo[] {
    return this.ordered().map((entry, order) => ({
      name: entry.ext.name,
      scope: entry.scope.source,
      options: entry.options,
      disabled: entry.disabled || entry.initFailed,
      order,
    }));
  }
}

function placeAsAsked(entries: readonly RegisteredExtension[]): RegisteredExtension[] {
  const byScope = [...entries.filter((entry) => entry.scope.kind === 'app'), ...entries.filter((entry) => entry.scope.kind === 'function')];
  const ordered = [
    ...byScope.filter((entry) => entry.ext.order === 'first'),
    ...byScope.filter((entry) => entry.ext.order !== 'first' && entry.ext.order !== 'last'),
    ...byScope.filter((entry) => entry.ext.order === 'last'),
  ];
  for (const entry of entries) {
    const order = entry.ext.order;
    if (order === undefined || typeof order === 'string') continue;
    const otherName = ('before' in order ? order.before : order.after).toLowerCase();
    const isOther = (candidate: RegisteredExtension): boolean => candidate.ext.name.toLowerCase() === otherName;
    if (!ordered.some(isOther)) continue;
    ordered.splice(ordered.indexOf(entry), 1);
    const at = ordered.findIndex(isOther);
    ordered.splice('before' in order ? at : at + 1, 0, entry);
  }
  return ordered;
}

const registries = new WeakMap<RegistryState, Registry>();

/**
 * The registry of the app this code runs in: the one of the worker core API that is there now, or, without one, the
 * one for code running outside a worker. Called when extensions are configured or listed, never per invocation:
 * the native hooks hold their registry.
 */
export function currentRegistry(): Registry {
  const coreApi = findCoreApi();
  const state = sharedState(coreApi);
  state.registrations ??= watchRegistrations(coreApi);
  let registry = registries.get(state);
  if (registry === undefined) {
    registry = new Registry(state, coreApi);
    registries.set(state, registry);
  }
  return registry;
}

// Asked once at import too: the app's functions are watched from the moment the SDK is loaded, which is usually
// before the app registers its first one (appFunctions.ts).
currentRegistry();
