import { forceDevelopmentEnvironment } from '../app/config/forceDevelopmentEnvironment.js';
import type { AppConfig } from '../app/config/readAppConfig.js';
import type { Logger } from '../app/logging/createLogger.js';

export interface HostEnvironment {
  /** local.settings.json `Values`, with AZURE_FUNCTIONS_ENVIRONMENT forced to Development. */
  readonly settings: Readonly<Record<string, string>>;
  /** What the host sets when neither the shell nor the settings do. */
  readonly defaults: Readonly<Record<string, string>>;
  /** Core Tools' warning for each setting the shell's own variable overrides. */
  reportSkipped(names: readonly string[]): void;
}

/** The app's environment as the host gives it to the worker, and the warnings Core Tools prints about it. */
export function hostEnvironment(config: AppConfig, logger: Logger, websiteHostname: string): HostEnvironment {
  const development = forceDevelopmentEnvironment(config.settings);
  if (development.warning !== undefined) {
    logger.host('warning', development.warning);
  }
  const runtimeSetting = process.env.FUNCTIONS_WORKER_RUNTIME ?? development.settings.FUNCTIONS_WORKER_RUNTIME;
  if (runtimeSetting !== undefined && runtimeSetting.toLowerCase() !== 'node') {
    logger.host('warning', `FUNCTIONS_WORKER_RUNTIME is "${runtimeSetting}", but this is a Node.js app; Azure will expect "node".`);
  }
  return {
    settings: development.settings,
    defaults: { AZURE_FUNCTIONS_ENVIRONMENT: 'Development', FUNCTIONS_WORKER_RUNTIME: 'node', WEBSITE_HOSTNAME: websiteHostname },
    reportSkipped(names) {
      for (const name of names) {
        logger.host('warning', `Skipping '${name}' from local settings as it's already defined in current environment variables.`);
      }
    },
  };
}
