import { HostStartupError } from '../HostStartupError.js';
import { isPlainObject } from './readJsonFile.js';

/**
 * The parts of host.json the dev host honours beyond the route prefix, checked the way the Functions host checks
 * them at start-up: a bad value stops the app before anything listens, with the key and the fix.
 */
export interface HostJsonSettings {
  /** `functionTimeout` in ms; `undefined` means no timeout ("-1"). */
  readonly functionTimeoutMs: number | undefined;
  /** `functionTimeout` as the host prints it, e.g. "00:30:00". */
  readonly functionTimeoutText: string;
  /** `logging.logLevel`: category (or "default") to lower-case level. */
  readonly logLevels: Readonly<Record<string, string>>;
  /** `extensions.http.customHeaders`: added to every HTTP response. */
  readonly customHeaders: Readonly<Record<string, string>>;
  /** `watchDirectories`: folders (relative to the app) whose changes reload the app under --watch. */
  readonly watchDirectories: readonly string[];
  /** `functions`: the only functions the host loads; `undefined` loads them all. */
  readonly functions: readonly string[] | undefined;
  /** One line each for values that run here but that Azure refuses or treats differently on some plans. */
  readonly warnings: readonly string[];
}

/**
 * The host's default when the app is not on the Consumption plan, which is what Core Tools runs as (30 minutes);
 * on Consumption the default is 5 minutes and the maximum 10.
 */
export const defaultFunctionTimeoutMs = 30 * 60 * 1000;
const consumptionMaxTimeoutMs = 10 * 60 * 1000;
const minTimeoutMs = 1000;

export const logLevelNames = ['trace', 'debug', 'information', 'warning', 'error', 'critical', 'none'] as const;

function fail(key: string, problem: string, fix: string): never {
  throw new HostStartupError(`host.json ${key} ${problem}. ${fix}`);
}

/** A .NET TimeSpan as host.json writes it: `[d.]hh:mm[:ss[.fffffff]]`; `undefined` when it is not one. */
export function parseTimeSpan(text: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return undefined;
  }
  const fractionMs = fraction === '' ? 0 : Number(`0.${fraction}`) * 1000;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + fractionMs;
}

export function formatTimeSpan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  const days = Math.floor(totalSeconds / 86_400);
  const clock = `${pad(Math.floor((totalSeconds % 86_400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`;
  return days > 0 ? `${String(days)}.${clock}` : clock;
}

function functionTimeoutOf(value: unknown, warnings: string[]): { ms: number | undefined; text: string } {
  if (value === undefined || value === null) {
    return { ms: defaultFunctionTimeoutMs, text: formatTimeSpan(defaultFunctionTimeoutMs) };
  }
  if (value === '-1' || value === -1) {
    warnings.push('host.json functionTimeout is -1 (no timeout): Azure refuses to start such an app on the Consumption plan (its maximum is 00:10:00).');
    return { ms: undefined, text: '-1' };
  }
  const ms = typeof value === 'string' ? parseTimeSpan(value) : undefined;
  if (ms === undefined) {
    fail('functionTimeout', `is ${JSON.stringify(value)}, which is not a time span`, 'Write it as "hh:mm:ss", e.g. "00:05:00" for five minutes, or "-1" for no timeout (not on the Consumption plan).');
  }
  if (ms < minTimeoutMs) {
    fail('functionTimeout', `is ${JSON.stringify(value)}; it must be at least 00:00:01`, 'Use a longer timeout, e.g. "00:05:00".');
  }
  if (ms > consumptionMaxTimeoutMs) {
    warnings.push(`host.json functionTimeout is ${formatTimeSpan(ms)}: Azure refuses to start such an app on the Consumption plan (its maximum is 00:10:00); Premium and Dedicated plans accept it.`);
  }
  return { ms, text: formatTimeSpan(ms) };
}

function logLevelsOf(logging: unknown): Record<string, string> {
  if (logging === undefined || logging === null) {
    return {};
  }
  if (!isPlainObject(logging)) {
    fail('logging', 'must be an object', 'e.g. "logging": { "logLevel": { "default": "Information" } }.');
  }
  const logLevel = logging.logLevel;
  if (logLevel === undefined || logLevel === null) {
    return {};
  }
  if (!isPlainObject(logLevel)) {
    fail('logging.logLevel', 'must be an object of categories to levels', 'e.g. "logLevel": { "default": "Information", "Function.hello": "Warning" }.');
  }
  const levels: Record<string, string> = {};
  for (const [category, level] of Object.entries(logLevel)) {
    const name = typeof level === 'string' ? level.toLowerCase() : '';
    if (!(logLevelNames as readonly string[]).includes(name)) {
      fail(`logging.logLevel.${category}`, `is ${JSON.stringify(level)}, which is not a log level`, 'Use one of Trace, Debug, Information, Warning, Error, Critical, None.');
    }
    levels[category] = name;
  }
  return levels;
}

function customHeadersOf(http: unknown): Record<string, string> {
  const headers = isPlainObject(http) ? http.customHeaders : undefined;
  if (headers === undefined || headers === null) {
    return {};
  }
  if (!isPlainObject(headers)) {
    fail('extensions.http.customHeaders', 'must be an object of header names to values', 'e.g. "customHeaders": { "X-Content-Type-Options": "nosniff" }.');
  }
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      fail(`extensions.http.customHeaders`, `has ${JSON.stringify(name)}, which is not a header name`, 'Use letters, digits and dashes, e.g. "X-Frame-Options".');
    }
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      fail(`extensions.http.customHeaders.${name}`, `must be a single-line string (got ${JSON.stringify(value)})`, 'Write the header value as a string.');
    }
    result[name] = value;
  }
  return result;
}

function stringListOf(key: string, value: unknown, example: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    fail(key, `must be an array of names (got ${JSON.stringify(value)})`, `e.g. "${key}": ${example}.`);
  }
  return (value as string[]).map((item) => item.trim());
}

function insideApp(directories: string[]): string[] {
  for (const directory of directories) {
    if (/^([\\/]|[a-z]:)/i.test(directory) || directory.split(/[\\/]/).includes('..')) {
      fail('watchDirectories', `has ${JSON.stringify(directory)}, which is not a folder inside the app`, 'List folders relative to the app folder, e.g. ["lib"].');
    }
  }
  return directories;
}

/**
 * Checks host.json as the host does at start-up: it must exist and say `"version": "2.0"` (the host refuses to
 * start otherwise, and Core Tools refuses a folder without one), and the settings the dev host honours must be
 * well-formed.
 */
export function hostJsonSettings(hostJson: unknown, appDir: string): HostJsonSettings {
  if (hostJson === undefined) {
    throw new HostStartupError(
      `No host.json in ${appDir}. Azure Functions refuses to start an app without one: create host.json with { "version": "2.0" }.`,
    );
  }
  if (!isPlainObject(hostJson)) {
    throw new HostStartupError('host.json must contain a JSON object, e.g. { "version": "2.0" }.');
  }
  if (hostJson.version !== '2.0') {
    fail(
      'version',
      hostJson.version === undefined ? 'is missing' : `is ${JSON.stringify(hostJson.version)}`,
      'The Functions host (v4) starts only apps whose host.json says "version": "2.0": add it.',
    );
  }
  const warnings: string[] = [];
  const timeout = functionTimeoutOf(hostJson.functionTimeout, warnings);
  const extensions = hostJson.extensions;
  return {
    functionTimeoutMs: timeout.ms,
    functionTimeoutText: timeout.text,
    logLevels: logLevelsOf(hostJson.logging),
    customHeaders: customHeadersOf(isPlainObject(extensions) ? extensions.http : undefined),
    watchDirectories: insideApp(stringListOf('watchDirectories', hostJson.watchDirectories, '["lib"]') ?? []),
    functions: stringListOf('functions', hostJson.functions, '["hello", "tick"]'),
    warnings,
  };
}
