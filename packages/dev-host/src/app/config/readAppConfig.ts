import path from 'node:path';
import { stat } from 'node:fs/promises';
import { HostStartupError } from '../HostStartupError.js';
import { isPlainObject, readJsonFile } from './readJsonFile.js';
// azfx #14 (parity with Azure): host.json and local.settings.json `Host` are checked in their own modules.
import { hostJsonSettings, type HostJsonSettings } from './hostJsonSettings.js';
import { connectionStringSettings, localHostSettings, type LocalHostSettings } from './localSettingsHost.js';

export interface AppConfig {
  readonly appDir: string;
  /** package.json `main`: a glob of the entry files, relative to appDir. */
  readonly main: string;
  /** package.json `type`: decides whether `.js` files load as ESM. */
  readonly packageType: string | undefined;
  /** host.json `extensions.http.routePrefix`, without surrounding slashes ('' means none). */
  readonly routePrefix: string;
  /** local.settings.json `Values`. */
  readonly settings: Readonly<Record<string, string>>;
  /** local.settings.json `Host.LocalHttpPort`, which Core Tools uses as its default port. */
  readonly localHttpPort: number | undefined;
  /** host.json settings beyond the route prefix (functionTimeout, logging, customHeaders, ...). */
  readonly host: HostJsonSettings;
  /** local.settings.json `Host` (CORS). */
  readonly localHost: LocalHostSettings;
}

const defaultRoutePrefix = 'api';

/** Reads what the worker and the host read before loading an app: package.json, host.json, local.settings.json. */
export async function readAppConfig(appDir: string): Promise<AppConfig> {
  await ensureDirectory(appDir);
  const packageJson = await readPackageJson(appDir);
  const hostJson = await readJsonFile(path.join(appDir, 'host.json'), 'host.json');
  const localSettings = await readJsonFile(path.join(appDir, 'local.settings.json'), 'local.settings.json');
  const host = hostJsonSettings(hostJson, appDir);
  return {
    appDir,
    main: packageJson.main,
    packageType: packageJson.type,
    routePrefix: routePrefixOf(hostJson),
    // azfx #14: ConnectionStrings join the settings as Core Tools adds them (`ConnectionStrings:<name>`).
    settings: { ...settingsOf(localSettings), ...connectionStringSettings(localSettings) },
    localHttpPort: localHttpPortOf(localSettings),
    host,
    localHost: localHostSettings(localSettings),
  };
}

async function ensureDirectory(appDir: string): Promise<void> {
  const stats = await stat(appDir).catch(() => undefined);
  if (!stats?.isDirectory()) {
    throw new HostStartupError(
      `The app folder ${appDir} does not exist. Pass the folder of your function app (the one with host.json and package.json), e.g. \`azfx start apps/my-app\`.`,
    );
  }
}

async function readPackageJson(appDir: string): Promise<{ main: string; type: string | undefined }> {
  const file = path.join(appDir, 'package.json');
  const packageJson = await readJsonFile(file, 'package.json');
  if (packageJson === undefined) {
    throw new HostStartupError(
      `No package.json in ${appDir}. Run the dev host in your function app's folder (the one with host.json and package.json), or pass that folder: \`azfx start path/to/app\`.`,
    );
  }
  if (!isPlainObject(packageJson)) {
    throw new HostStartupError(`package.json in ${appDir} must contain a JSON object.`);
  }
  const { main, type } = packageJson;
  if (typeof main !== 'string' || main.trim() === '') {
    throw new HostStartupError(
      `package.json in ${appDir} has no "main". The worker loads the files that "main" matches (a glob): set it to your built entry files, e.g. "main": "dist/src/functions/*.js".`,
    );
  }
  return { main: main.trim(), type: typeof type === 'string' ? type : undefined };
}

function routePrefixOf(hostJson: unknown): string {
  if (hostJson === undefined) {
    return defaultRoutePrefix;
  }
  if (!isPlainObject(hostJson)) {
    throw new HostStartupError('host.json must contain a JSON object, e.g. { "version": "2.0" }.');
  }
  const extensions = hostJson.extensions;
  const http = isPlainObject(extensions) ? extensions.http : undefined;
  const routePrefix = isPlainObject(http) ? http.routePrefix : undefined;
  if (routePrefix === undefined || routePrefix === null) {
    return defaultRoutePrefix;
  }
  if (typeof routePrefix !== 'string') {
    throw new HostStartupError(
      `host.json extensions.http.routePrefix must be a string (got ${JSON.stringify(routePrefix)}): e.g. "api", or "" for no prefix.`,
    );
  }
  return routePrefix.replace(/^\/+|\/+$/g, '');
}

function settingsOf(localSettings: unknown): Record<string, string> {
  if (localSettings === undefined) {
    return {};
  }
  if (!isPlainObject(localSettings)) {
    throw new HostStartupError('local.settings.json must contain a JSON object, e.g. { "IsEncrypted": false, "Values": {} }.');
  }
  if (localSettings.IsEncrypted === true) {
    throw new HostStartupError(
      'local.settings.json is encrypted (IsEncrypted: true); the dev host cannot decrypt it. Decrypt it with `func settings decrypt` or write the values in plain text.',
    );
  }
  const values = localSettings.Values;
  if (values === undefined || values === null) {
    return {};
  }
  if (!isPlainObject(values)) {
    throw new HostStartupError('local.settings.json "Values" must be an object of setting names to string values.');
  }
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      settings[name] = value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      settings[name] = String(value);
    } else if (value !== null) {
      throw new HostStartupError(`local.settings.json Values.${name} must be a string (got ${JSON.stringify(value)}).`);
    }
  }
  return settings;
}

function localHttpPortOf(localSettings: unknown): number | undefined {
  const host = isPlainObject(localSettings) ? localSettings.Host : undefined;
  const port = isPlainObject(host) ? host.LocalHttpPort : undefined;
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}
