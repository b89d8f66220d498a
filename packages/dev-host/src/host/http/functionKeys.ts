import { timingSafeEqual } from 'node:crypto';
import type { FunctionDescriptor } from '../../app/functionDescriptors.js';

/**
 * Function keys for `--enable-auth`, set by the developer as app settings (local.settings.json `Values`, or the
 * environment), since the dev host has no key store:
 * - `AZFX_MASTER_KEY`: the master key (admin level, and every function);
 * - `AZFX_HOST_KEY`: a host key (every function of level "function");
 * - `AZFX_FUNCTION_KEY_<name>`: the key of one function (its name, any case).
 */
export const keySettings = { master: 'AZFX_MASTER_KEY', host: 'AZFX_HOST_KEY', functionPrefix: 'AZFX_FUNCTION_KEY_' } as const;

export interface FunctionKeys {
  readonly master: string | undefined;
  readonly host: string | undefined;
  /** Lower-case function name to its key. */
  readonly functions: ReadonlyMap<string, string>;
}

export function readFunctionKeys(env: NodeJS.ProcessEnv): FunctionKeys {
  const functions = new Map<string, string>();
  let master: string | undefined;
  let host: string | undefined;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') {
      continue;
    }
    const upper = name.toUpperCase();
    if (upper === keySettings.master) {
      master = value;
    } else if (upper === keySettings.host) {
      host = value;
    } else if (upper.startsWith(keySettings.functionPrefix)) {
      functions.set(name.slice(keySettings.functionPrefix.length).toLowerCase(), value);
    }
  }
  return { master, host, functions };
}

export function authLevelOf(descriptor: FunctionDescriptor): string {
  const level = descriptor.trigger.authLevel;
  return typeof level === 'string' ? level.toLowerCase() : 'anonymous';
}

function same(given: string, expected: string | undefined): boolean {
  if (expected === undefined) {
    return false;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key a caller sent, where the host looks: the `code` query parameter first, then the x-functions-key header. */
export function keyOf(url: URL, header: string | string[] | undefined): string | undefined {
  const code = url.searchParams.get('code');
  if (code !== null && code !== '') {
    return code;
  }
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The host's rule: "anonymous" needs no key; "function" takes the function's key, a host key or the master key;
 * "admin" takes only the master key. A request without the right key gets 401.
 */
export function isAuthorized(descriptor: FunctionDescriptor, keys: FunctionKeys, key: string | undefined): boolean {
  const level = authLevelOf(descriptor);
  if (level === 'anonymous') {
    return true;
  }
  if (key === undefined) {
    return false;
  }
  if (same(key, keys.master)) {
    return true;
  }
  return level === 'function' && (same(key, keys.host) || same(key, keys.functions.get(descriptor.name.toLowerCase())));
}

/**
 * Said once at start: without --enable-auth, which functions Azure would refuse without a key (Core Tools says keys
 * are not checked); with it, when no key is set, that every such request gets 401 and where keys are set.
 */
export function authNotice(descriptors: readonly FunctionDescriptor[], keys: FunctionKeys | undefined): string | undefined {
  const guarded = descriptors.filter((descriptor) => descriptor.triggerType.toLowerCase() === 'httptrigger' && authLevelOf(descriptor) !== 'anonymous');
  if (guarded.length === 0) {
    return undefined;
  }
  const names = guarded.map((descriptor) => `${descriptor.name} (${authLevelOf(descriptor)})`).join(', ');
  if (keys === undefined) {
    return `Function keys are not checked: ${names} answer here without a key, and 401 in Azure until callers send one. Start with --enable-auth to check keys locally.`;
  }
  if (keys.master === undefined && keys.host === undefined && keys.functions.size === 0) {
    return `--enable-auth: no keys are set, so ${names} answer 401. Set ${keySettings.host}, ${keySettings.master} or ${keySettings.functionPrefix}<name> in local.settings.json Values.`;
  }
  return undefined;
}
