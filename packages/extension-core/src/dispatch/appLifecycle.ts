import { isPromiseLike, logAppFault, settleHook, type Phase } from '../faults.js';
import type { AppHook, AppPhaseContextValue, RegisteredExtension } from '../model.js';
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
): Promise<void> | undefined {
  if (hook === undefined) return undefined;
  const ext = entry.ext;
  const ctx: AppPhaseContextValue = {
    extension: ext.name,
    options: entry.options,
    appState: entry.appState,
    logger: console,
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
  for (const entry of ordered) {
    if (!entry.disabled && !entry.initFailed) await runAppHook(entry, 'appStart', entry.ext.appStart);
  }
}

/** The SDK's native appTerminate hook: appTerminate hooks in reverse order, so the first registered ends last. */
export async function dispatchAppTerminate(registry: Registry): Promise<void> {
  const ordered = registry.ordered();
  for (const entry of [...ordered].reverse()) {
    if (!entry.disabled && !entry.initFailed) await runAppHook(entry, 'appTerminate', entry.ext.appTerminate);
  }
}
