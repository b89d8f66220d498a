/** The app setting that turns extensions off without a redeploy: comma-separated names, or `*` for all. */
export const DISABLED_SETTING = 'AZFX_EXTENSIONS_DISABLED';

/** The parsed setting. Names are lower-cased: extension names match case-insensitively here. */
export interface DisabledSetting {
  readonly all: boolean;
  readonly names: ReadonlySet<string>;
}

/**
 * Reads the setting. Called only at registration and at app start: never per invocation, so an invocation costs
 * no environment lookup and every invocation of a running app sees the same answer.
 */
export function readDisabledSetting(env: NodeJS.ProcessEnv = process.env): DisabledSetting {
  const names = new Set<string>();
  for (const item of (env[DISABLED_SETTING] ?? '').split(',')) {
    const name = item.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return { all: names.has('*'), names };
}

export function isDisabled(setting: DisabledSetting, name: string): boolean {
  return setting.all || setting.names.has(name.toLowerCase());
}
