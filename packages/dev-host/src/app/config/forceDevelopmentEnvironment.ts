const name = 'AZURE_FUNCTIONS_ENVIRONMENT';

/**
 * Core Tools runs the app in Development whatever local.settings.json says: before it applies the settings it
 * replaces a `Values` AZURE_FUNCTIONS_ENVIRONMENT with 'Development' and warns, so only an environment variable with
 * a value can choose another environment. The settings to apply, and that warning when there is one.
 */
export function forceDevelopmentEnvironment(settings: Readonly<Record<string, string>>): {
  settings: Readonly<Record<string, string>>;
  warning: string | undefined;
} {
  const value = settings[name];
  if (value === undefined) {
    return { settings, warning: undefined };
  }
  return {
    settings: { ...settings, [name]: 'Development' },
    warning: `${name} already exists with value '${value}', overriding to 'Development'.`,
  };
}
