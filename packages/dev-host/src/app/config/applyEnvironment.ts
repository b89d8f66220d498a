export interface AppliedEnvironment {
  /** Puts back what was there before, so an in-process host leaves no trace. */
  readonly restore: () => void;
  /** local.settings.json `Values` left out because the variable already has a value (Core Tools warns about each). */
  readonly skippedSettings: readonly string[];
}

/**
 * Core Tools' test (`string.IsNullOrEmpty`): a variable set to the empty string counts as not set, so a setting or a
 * default fills it.
 */
function hasValue(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== '';
}

/** Core Tools' rules, applied through `set` to the variables `env` has now; returns the settings left out. */
function mergeInto(
  env: NodeJS.ProcessEnv,
  set: (name: string, value: string | undefined) => void,
  settings: Readonly<Record<string, string>>,
  explicit: Readonly<Record<string, string | undefined>>,
  defaults: Readonly<Record<string, string>>,
): string[] {
  for (const [name, value] of Object.entries(defaults)) {
    if (!hasValue(env, name) && settings[name] === undefined && !(name in explicit)) {
      set(name, value);
    }
  }
  const skippedSettings: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (!hasValue(env, name)) {
      set(name, value);
    } else if (!(name in explicit)) {
      skippedSettings.push(name);
    }
  }
  for (const [name, value] of Object.entries(explicit)) {
    set(name, value);
  }
  return skippedSettings;
}

/** The environment a worker process gets: `base` with the app's settings added by the same rules, `base` untouched. */
export function environmentFor(
  base: NodeJS.ProcessEnv,
  settings: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>,
): { readonly env: NodeJS.ProcessEnv; readonly skippedSettings: readonly string[] } {
  const env: NodeJS.ProcessEnv = { ...base };
  const skippedSettings = mergeInto(
    env,
    (name, value) => {
      env[name] = value;
    },
    settings,
    {},
    defaults,
  );
  return { env, skippedSettings };
}

/**
 * Puts the app's settings into process.env the way Core Tools does: local.settings.json `Values` only where the
 * variable has no value yet (so a variable set in the shell wins, unless it is empty), then the caller's explicit
 * `env`, which always wins.
 */
export function applyEnvironment(
  settings: Readonly<Record<string, string>>,
  explicit: Readonly<Record<string, string | undefined>>,
  defaults: Readonly<Record<string, string>>,
): AppliedEnvironment {
  const previous = new Map<string, string | undefined>();
  const set = (name: string, value: string | undefined): void => {
    if (!previous.has(name)) {
      previous.set(name, process.env[name]);
    }
    if (value === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- environment variables are named at run time
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  };
  const skippedSettings = mergeInto(process.env, set, settings, explicit, defaults);
  const restore = (): void => {
    for (const [name, value] of previous) {
      if (value === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- environment variables are named at run time
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  return { restore, skippedSettings };
}
