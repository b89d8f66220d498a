import type { FunctionRegistration } from '../../app/workerConnection.js';
import { isTriggerType } from '../../app/functionDescriptors.js';

/** A function the host knows about but does not run: `AzureWebJobs.<name>.Disabled` is set. */
export interface DisabledFunction {
  readonly name: string;
  readonly triggerType: string;
}

export interface FunctionSelection {
  /** The functions the host indexes, routes and runs. */
  readonly enabled: readonly FunctionRegistration[];
  /** Disabled by an app setting: listed as disabled, not served (404), not scheduled, not runnable by hand. */
  readonly disabled: readonly DisabledFunction[];
  /** Warnings to print once (names in a `functions` list that the app does not register). */
  readonly warnings: readonly string[];
}

/** The host's reading of a boolean app setting: "true" or "1", any case. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|1)$/i.test(value.trim());
}

/** App settings are configuration keys, which the host looks up without regard to case. */
function settingOf(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (env[name] !== undefined) {
    return env[name];
  }
  const wanted = name.toLowerCase();
  const key = Object.keys(env).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : env[key];
}

export function disabledSettingName(functionName: string): string {
  return `AzureWebJobs.${functionName}.Disabled`;
}

function triggerTypeOf(registration: FunctionRegistration): string {
  const trigger = Object.values(registration.metadata.bindings).find((binding) => binding.direction === 'in' && isTriggerType(binding.type));
  return trigger === undefined ? 'unknown' : String(trigger.type);
}

/**
 * Which registered functions the host runs, by the host's rules: only those named in the `functions` lists (host.json
 * `functions`, and `--functions`, which Core Tools applies the same way), case-insensitively; of those, the ones whose
 * `AzureWebJobs.<name>.Disabled` setting is true are disabled.
 */
export function selectFunctions(
  registrations: readonly FunctionRegistration[],
  allowLists: readonly (readonly string[] | undefined)[],
  env: NodeJS.ProcessEnv,
): FunctionSelection {
  const warnings: string[] = [];
  let selected = registrations;
  for (const list of allowLists) {
    if (list === undefined) {
      continue;
    }
    const wanted = new Set(list.map((name) => name.toLowerCase()));
    const known = new Set(registrations.map((registration) => registration.name.toLowerCase()));
    const unknown = list.filter((name) => !known.has(name.toLowerCase()));
    if (unknown.length > 0) {
      warnings.push(`The functions list names ${unknown.map((name) => `"${name}"`).join(', ')}, which the app does not register; they are ignored.`);
    }
    selected = selected.filter((registration) => wanted.has(registration.name.toLowerCase()));
  }
  const enabled: FunctionRegistration[] = [];
  const disabled: DisabledFunction[] = [];
  for (const registration of selected) {
    if (isTrue(settingOf(env, disabledSettingName(registration.name)))) {
      disabled.push({ name: registration.name, triggerType: triggerTypeOf(registration) });
    } else {
      enabled.push(registration);
    }
  }
  return { enabled, disabled, warnings };
}
