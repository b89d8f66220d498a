import { HostStartupError } from '../../app/HostStartupError.js';

export const requestBodyLimitSetting = 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT';

/**
 * The largest request body the host accepts: `--max-body-size` / `maxBodyBytes` when given, else the app setting
 * FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (bytes, as the host reads it), else the default (Core Tools' 100 MB).
 */
export function requestBodyLimit(env: NodeJS.ProcessEnv, fromOption: number | undefined, fallback: number): number {
  if (fromOption !== undefined) {
    return fromOption;
  }
  const text = env[requestBodyLimitSetting];
  if (text === undefined || text.trim() === '') {
    return fallback;
  }
  const bytes = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new HostStartupError(
      `The app setting ${requestBodyLimitSetting} is ${JSON.stringify(text)}: it must be a whole number of bytes greater than 0, e.g. "209715200" for 200 MB. Fix it in local.settings.json Values (or the environment).`,
    );
  }
  return bytes;
}
