/**
 * Puts the app's settings into process.env the way Core Tools does: local.settings.json `Values` only where the
 * variable is not already set (so a variable set in the shell wins), then the caller's explicit `env`, which always
 * wins. Returns a function that puts back what was there before, so an in-process host leaves no trace.
 */
export function applyEnvironment(
  settings: Readonly<Record<string, string>>,
  explicit: Readonly<Record<string, string | undefined>>,
  defaults: Readonly<Record<string, string>>,
): () => void {
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
    if (process.env[name] === undefined && settings[name] === undefined && !(name in explicit)) {
      set(name, value);
    }
  }
  for (const [name, value] of Object.entries(settings)) {
    if (process.env[name] === undefined) {
      set(name, value);
    }
  }
  for (const [name, value] of Object.entries(explicit)) {
    set(name, value);
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- environment variables are named at run time
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
}
