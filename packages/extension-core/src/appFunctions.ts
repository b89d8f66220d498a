import type { CoreApi } from './coreApi.js';
import type { AppFunctionValue, ObservedFunctions, RegisteredExtension } from './model.js';
import { didYouMean } from './options/suggest.js';

// Which functions the app has. Neither the worker nor the library tells hooks; but the library registers every
// function through the worker's core API, looking `registerFunction` up on it at each call (4.1.0 and later). So
// the SDK puts a function of its own in that place, which hands every call on unchanged and notes the function.
//
// The list is only worth having if it is complete: a scope checked against half the app would be warned about
// wrongly. So the SDK keeps it only when it knows it saw every registration, and says nothing otherwise:
//  - it watches from the moment it first finds the core API (its import, or a configure() under a new host);
//  - a registration before that cannot be seen: the library sets its programming model just before its first
//    registration, so a model already set (other than the worker's default v3 model, which registers nothing)
//    means the list would miss some;
//  - a core API whose `registerFunction` cannot be replaced (a frozen object) or that has no `getProgrammingModel`
//    to ask cannot be watched.

/** One function of the app, as `appStart` receives it. */
export interface AppFunction extends AppFunctionValue {
  readonly name: string;
  /** The trigger binding type, e.g. `httpTrigger`, `timerTrigger`. */
  readonly triggerType: string;
  /** HTTP triggers: the methods it answers (`undefined`: every method). */
  readonly methods?: readonly string[] | undefined;
  /** HTTP triggers: its route, without the host's prefix (`undefined`: the function's name). */
  readonly route?: string | undefined;
}

/** Starts watching the registrations of the app on `core`, once per app whichever copy of the SDK asks. */
export function watchRegistrations(core: CoreApi | undefined): ObservedFunctions {
  const observed: ObservedFunctions = { functions: [], unknownBecause: undefined };
  if (core === undefined) {
    observed.unknownBecause = 'no worker core API is loaded';
    return observed;
  }
  const alreadyRegistering = registrationsMayHaveStarted(core);
  if (alreadyRegistering !== undefined) {
    observed.unknownBecause = alreadyRegistering;
    return observed;
  }
  const original = (core as { registerFunction?: unknown }).registerFunction;
  if (typeof original !== 'function') {
    observed.unknownBecause = 'the core API has no registerFunction';
    return observed;
  }
  // Handed on first and unchanged: whatever it returns or throws is the caller's, and a function that failed to
  // register is not noted. Noting it cannot fail the registration: a fault there only makes the list unknown.
  function registerFunction(this: unknown, ...args: unknown[]): unknown {
    const registered: unknown = Reflect.apply(original as (...a: unknown[]) => unknown, this, args);
    try {
      observed.functions.push(describeRegistration(args[0]));
    } catch {
      observed.unknownBecause = 'a registration could not be read';
    }
    return registered;
  }
  try {
    (core as unknown as { registerFunction: unknown }).registerFunction = registerFunction;
  } catch {
    // A frozen object in strict mode: left exactly as it was.
  }
  if ((core as { registerFunction?: unknown }).registerFunction !== registerFunction) {
    observed.unknownBecause = "the core API's registerFunction cannot be watched";
  }
  return observed;
}

function registrationsMayHaveStarted(core: CoreApi): string | undefined {
  const getProgrammingModel = (core as { getProgrammingModel?: unknown }).getProgrammingModel;
  if (typeof getProgrammingModel !== 'function') return 'the core API has no getProgrammingModel';
  let model: unknown;
  try {
    model = Reflect.apply(getProgrammingModel, core, []);
  } catch {
    return 'the core API could not say whether functions were registered';
  }
  if (model === undefined || model === null) return undefined;
  const version = (model as { version?: unknown }).version;
  // The worker's default model is the bundled v3 library's: it registers no function through the core API.
  if (typeof version === 'string' && /^[0-3]\./.test(version)) return undefined;
  return 'functions were registered before the extension SDK was loaded';
}

/** The function a `registerFunction(metadata, callback)` call registers, from the metadata the worker receives. */
function describeRegistration(metadata: unknown): AppFunction {
  const { name, bindings } = metadata as { name: unknown; bindings: unknown };
  if (typeof name !== 'string' || bindings === null || typeof bindings !== 'object') throw new TypeError('not function metadata');
  const trigger = Object.values(bindings as Record<string, Record<string, unknown>>).find(
    (binding) => binding.direction === 'in' && typeof binding.type === 'string' && binding.type.toLowerCase().endsWith('trigger'),
  );
  if (trigger === undefined) throw new TypeError('no trigger binding');
  const triggerType = trigger.type as string;
  if (triggerType.toLowerCase() !== 'httptrigger') return { name, triggerType };
  const methods = Array.isArray(trigger.methods) ? (trigger.methods as unknown[]).map((method) => String(method).toUpperCase()) : undefined;
  const route = typeof trigger.route === 'string' ? trigger.route : undefined;
  return { name, triggerType, methods, route };
}

/** One scope that names a function the app does not have. */
export interface ScopeMistake {
  readonly extension: string;
  readonly strict: boolean;
  readonly message: string;
}

/** Every function name a scope gives that the app has no function for, with the closest name the app has. */
export function scopeMistakes(entries: readonly RegisteredExtension[], functions: readonly AppFunction[]): ScopeMistake[] {
  const names = functions.map((fn) => fn.name);
  const known = new Set(names.map((name) => name.toLowerCase()));
  const mistakes: ScopeMistake[] = [];
  for (const entry of entries) {
    if (entry.scope.kind !== 'function' || entry.scope.functions === undefined) continue;
    const source = entry.scope.source as { functions?: string | readonly string[] };
    const given = typeof source.functions === 'string' ? [source.functions] : (source.functions ?? []);
    for (const name of given) {
      if (known.has(name.trim().toLowerCase())) continue;
      mistakes.push({
        extension: entry.ext.name,
        strict: entry.strictScope === true,
        message:
          `[azfx] Extension "${entry.ext.name}": scope names function "${name}", which the app does not have, so the ` +
          `extension never runs for it.${didYouMean(name, names)} Functions: ${names.join(', ')}.`,
      });
    }
  }
  return mistakes;
}
