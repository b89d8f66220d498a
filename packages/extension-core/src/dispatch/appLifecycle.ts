import { scopeMistakes } from '../appFunctions.js';
import { ExtensionConfigurationError } from '../errors.js';
import { isPromiseLike, logAppFault, settleHook, type Phase } from '../faults.js';
import type { AppFunctionValue, AppHook, AppPhaseContextValue, RegisteredExtension } from '../model.js';
import type { Registry } from '../registry.js';
import { incompatibleCopiesLine } from '../sharing.js';
import { startupLine } from '../startupLine.js';

type AppPhase = Extract<Phase, 'init' | 'appStart' | 'appTerminate'>;

/**
 * Runs one app-phase hook. Its faults are logged and never escape: a throwing appStart hook would fail the whole
 * worker's start-up, and `failInvocationOnError` is about invocations, not the app. `onFault` learns of one.
 */
function runAppHook(
  entry: RegisteredExtension,
  phase: AppPhase,
  hook: AppHook | undefined,
  onFault?: () => void,
  functions?: readonly AppFunctionValue[],
): Promise<void> | undefined {
  if (hook === undefined) return undefined;
  const ext = entry.ext;
  const ctx: AppPhaseContextValue = {
    extension: ext.name,
    options: entry.options,
    appState: entry.appState,
    logger: console,
    ...(phase === 'appStart' ? { functions } : {}),
  };
  let outcome: unknown;
  try {
    outcome = hook.call(ext.definition, ctx);
  } catch (fault) {
    logAppFault(ext.name, phase, fault);
    onFault?.();
    return undefined;
  }
  if (!isPromiseLike(outcome)) return undefined;
  return settleHook(outcome, ext.name, phase, ext.hookTimeoutMs).then(
    () => undefined,
    (fault: unknown) => {
      logAppFault(ext.name, phase, fault);
      onFault?.();
    },
  );
}

/**
 * Runs `init` once for an enabled extension. An async init is remembered, and app start waits for it, so an
 * extension is initialised before its first invocation whenever the worker runs appStart hooks. An extension whose
 * init fails is left out from then on, rather than run half-configured.
 */
export function startInit(registry: Registry, entry: RegisteredExtension): void {
  if (entry.initStarted || entry.disabled) return;
  entry.initStarted = true;
  entry.initDone = runAppHook(entry, 'init', entry.ext.init, () => {
    entry.initFailed = true;
    registry.changed();
  });
}

/** The SDK's native appStart hook: re-reads the disable setting, logs the start-up line, runs appStart hooks. */
export async function dispatchAppStart(registry: Registry): Promise<void> {
  registry.refreshDisabled();
  const ordered = registry.ordered();
  for (const entry of ordered) {
    // An extension disabled at registration and enabled since has not been initialised yet.
    startInit(registry, entry);
    if (entry.initDone !== undefined) await entry.initDone;
  }
  // Printed once every init has settled, so that it can say which extensions are out because theirs failed.
  console.info(startupLine(ordered, registry.disabledSetting));
  const incompatible = incompatibleCopiesLine(registry.appKey);
  if (incompatible !== undefined) console.warn(incompatible);
  const functions = appFunctions(registry);
  checkScopes(ordered, functions, registry);
  for (const entry of ordered) {
    if (!entry.disabled && !entry.initFailed) await runAppHook(entry, 'appStart', entry.ext.appStart, undefined, functions);
  }
}

/**
 * The app's functions, a copy per start (hooks may keep it), or `undefined` when the SDK cannot know it saw every
 * registration (see appFunctions.ts). No registration seen at all counts as not knowing: an app whose functions are
 * not registered through the core API (the v3 model) is not an app without functions.
 */
function appFunctions(registry: Registry): readonly AppFunctionValue[] | undefined {
  const observed = registry.state.registrations;
  if (observed === undefined || observed.unknownBecause !== undefined || observed.functions.length === 0) return undefined;
  return Object.freeze(observed.functions.map((fn) => Object.freeze({ ...fn })));
}

/**
 * A scope that names a function the app does not have is a warning with the closest name, or, for an extension
 * configured with `strictScope: true`, an error that fails the app's start. Without the app's functions nothing is
 * judged (a warning could be wrong); the start-up says once that the check was skipped if an extension asked for it
 * with strictScope (otherwise nothing: on a host whose core API cannot be watched, every start would say it).
 */
function checkScopes(ordered: readonly RegisteredExtension[], functions: readonly AppFunctionValue[] | undefined, registry: Registry): void {
  if (functions === undefined) {
    const askedFor = ordered.some((entry) => entry.strictScope === true && entry.scope.kind === 'function' && entry.scope.functions !== undefined);
    if (askedFor) {
      const why = registry.state.registrations?.unknownBecause ?? 'no function registration was seen';
      console.info(`[azfx] strictScope: scopes that name functions were not checked against the app's functions: ${why}.`);
    }
    return;
  }
  const mistakes = scopeMistakes(ordered, functions);
  for (const mistake of mistakes) if (!mistake.strict) console.warn(mistake.message);
  const strict = mistakes.filter((mistake) => mistake.strict);
  const [first] = strict;
  if (first === undefined) return;
  throw new ExtensionConfigurationError(
    first.extension,
    undefined,
    `${strict.map((mistake) => mistake.message).join('\n')}\nThe app does not start: ${strict.length === 1 ? 'this extension was' : 'these extensions were'} ` +
      'configured with strictScope: true. Fix the name in configure(options, { scope }), or drop strictScope to make it a warning.',
  );
}

/** The SDK's native appTerminate hook: appTerminate hooks in reverse order, so the first registered ends last. */
export async function dispatchAppTerminate(registry: Registry): Promise<void> {
  const ordered = registry.ordered();
  for (const entry of [...ordered].reverse()) {
    if (!entry.disabled && !entry.initFailed) await runAppHook(entry, 'appTerminate', entry.ext.appTerminate);
  }
}
