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
function hasValue(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== '';
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
  for (const [name, value] of Object.entries(defaults)) {
    if (!hasValue(name) && settings[name] === undefined && !(name in explicit)) {
      set(name, value);
    }
  }
  const skippedSettings: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (!hasValue(name)) {
      set(name, value);
    } else if (!(name in explicit)) {
      skippedSettings.push(name);
    }
  }
  for (const [name, value] of Object.entries(explicit)) {
    set(name, value);
  }
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
