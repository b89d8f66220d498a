import type { AppConfig } from '../../app/config/readAppConfig.js';
import type { FunctionRegistration } from '../../app/workerConnection.js';
import { parseCorsPolicy, type CorsPolicy } from '../http/cors.js';
import { readFunctionKeys, type FunctionKeys } from '../http/functionKeys.js';
import type { FunctionTimeoutPolicy } from './functionTimeout.js';
import { selectFunctions, type DisabledFunction } from './functionSelection.js';
import { requestBodyLimit } from './requestBodyLimit.js';

/** What `startHost()` / `azfx start` were told that decides how the host treats the app (all optional). */
export interface HostPolicyOptions {
  /** `--functions`: load only these. */
  readonly functions?: readonly string[] | undefined;
  /** `--cors`: comma-separated origins; overrides local.settings.json `Host.CORS`. */
  readonly cors?: string | undefined;
  /** `--cors-credentials`: or local.settings.json `Host.CORSCredentials`. */
  readonly corsCredentials?: boolean | undefined;
  /** `--max-body-size` / `maxBodyBytes` as given (not defaulted): wins over FUNCTIONS_REQUEST_BODY_SIZE_LIMIT. */
  readonly maxBodyBytesOption?: number | undefined;
  /** `--enable-auth`: check function keys as Azure does. */
  readonly enableAuth?: boolean | undefined;
  /** What to do after a function timeout (the process host restarts the worker). */
  readonly onFunctionTimeout?: (() => void) | undefined;
}

/** The host's rules for one started app, from host.json, local.settings.json, app settings and the options. */
export interface AppPolicies {
  readonly enabled: readonly FunctionRegistration[];
  readonly disabled: readonly DisabledFunction[];
  readonly maxBodyBytes: number;
  readonly cors: CorsPolicy | undefined;
  readonly customHeaders: Readonly<Record<string, string>>;
  /** Set with --enable-auth: the keys requests to function- and admin-level functions must carry. */
  readonly functionKeys: FunctionKeys | undefined;
  readonly functionTimeout: FunctionTimeoutPolicy;
  /** Printed once with the listing. */
  readonly warnings: readonly string[];
}

/** Throws a HostStartupError naming the setting and the fix for any bad value. */
export function appPolicies(
  registrations: readonly FunctionRegistration[],
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  options: HostPolicyOptions,
  defaultMaxBodyBytes: number,
): AppPolicies {
  const selection = selectFunctions(registrations, [config.host.functions, options.functions], env);
  const corsFromFlag = options.cors !== undefined;
  const cors = parseCorsPolicy(
    options.cors ?? config.localHost.cors,
    options.corsCredentials === true || config.localHost.corsCredentials,
    corsFromFlag ? '--cors' : 'local.settings.json Host.CORS',
  );
  return {
    enabled: selection.enabled,
    disabled: selection.disabled,
    maxBodyBytes: requestBodyLimit(env, options.maxBodyBytesOption, defaultMaxBodyBytes),
    cors,
    customHeaders: config.host.customHeaders,
    functionKeys: options.enableAuth === true ? readFunctionKeys(env) : undefined,
    functionTimeout: {
      timeoutMs: config.host.functionTimeoutMs,
      timeoutText: config.host.functionTimeoutText,
      ...(options.onFunctionTimeout === undefined ? {} : { onTimeout: options.onFunctionTimeout }),
    },
    warnings: [...config.host.warnings, ...selection.warnings],
  };
}
