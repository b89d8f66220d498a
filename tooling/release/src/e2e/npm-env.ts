/**
 * The environment for the npm and pnpm commands of the end-to-end test: this process's environment without the
 * npm and pnpm settings that `pnpm` passes down to the scripts it runs (a registry, a tag or provenance from the
 * caller must not leak in), plus the given ones. Every setting the test relies on is therefore stated here.
 */
export function npmEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    FORCE_COLOR: '0',
    ...settings,
  };
}
