import { ExtensionConfigurationError } from './errors.js';
import type { AppHook, AroundHook, CompiledExtension, InvocationHook } from './model.js';
import { describeValue } from './options/describeValue.js';
import { resolveDefaults } from './options/resolveOptions.js';
import { didYouMean } from './options/suggest.js';
import type { OptionsSchema } from './options/types.js';
import { normalizeScope } from './scope.js';

const functionKeys = [
  'state',
  'appState',
  'init',
  'appStart',
  'appTerminate',
  'preInvocation',
  'aroundHandler',
  'postInvocation',
  'onError',
  'validateOptions',
] as const;
const knownKeys: readonly string[] = [
  'name',
  'options',
  'scope',
  'order',
  'failInvocationOnError',
  'hookTimeoutMs',
  ...functionKeys,
];

/** Validates an extension definition (an author's mistake fails at import time, with a message) and flattens it. */
export function compileDefinition(definition: unknown): CompiledExtension {
  if (definition === null || typeof definition !== 'object') {
    throw new ExtensionConfigurationError(
      '(unnamed)',
      undefined,
      `defineExtension() takes a definition object, but got ${describeValue(definition)}.`,
    );
  }
  const given = definition as Record<string, unknown>;
  const name = checkName(given.name);
  const fail = (message: string): never => {
    throw new ExtensionConfigurationError(name, undefined, `Extension "${name}": ${message}`);
  };
  for (const key of Object.keys(given)) {
    if (!knownKeys.includes(key)) fail(`unknown definition key "${key}".${didYouMean(key, knownKeys)}`);
  }
  for (const key of functionKeys) {
    if (given[key] !== undefined && typeof given[key] !== 'function') {
      fail(`"${key}" must be a function, but got ${describeValue(given[key])}.`);
    }
  }
  const schema = checkSchema(name, given.options, fail);
  const failInvocationOnError = given.failInvocationOnError ?? false;
  if (typeof failInvocationOnError !== 'boolean') {
    fail(`"failInvocationOnError" must be a boolean, but got ${describeValue(failInvocationOnError)}.`);
  }
  const hookTimeoutMs = given.hookTimeoutMs;
  if (hookTimeoutMs !== undefined && !(typeof hookTimeoutMs === 'number' && hookTimeoutMs > 0 && hookTimeoutMs < 2 ** 31)) {
    fail(`"hookTimeoutMs" must be a positive number of milliseconds, but got ${describeValue(hookTimeoutMs)}.`);
  }
  const compiled: CompiledExtension = {
    name,
    definition,
    schema,
    defaults: resolveDefaults(name, schema),
    defaultScope: normalizeScope(name, given.scope ?? 'app'),
    order: checkOrder(name, given.order, fail),
    failInvocationOnError: failInvocationOnError as boolean,
    hookTimeoutMs: hookTimeoutMs as number | undefined,
    createState: given.state as (() => unknown) | undefined,
    createAppState: given.appState as (() => unknown) | undefined,
    init: given.init as AppHook | undefined,
    appStart: given.appStart as AppHook | undefined,
    appTerminate: given.appTerminate as AppHook | undefined,
    preInvocation: given.preInvocation as InvocationHook | undefined,
    aroundHandler: given.aroundHandler as AroundHook | undefined,
    postInvocation: given.postInvocation as InvocationHook | undefined,
    onError: given.onError as InvocationHook | undefined,
    validateOptions: given.validateOptions as CompiledExtension['validateOptions'],
    runsPerInvocation: ['preInvocation', 'aroundHandler', 'postInvocation', 'onError'].some(
      (key) => given[key] !== undefined,
    ),
    fingerprint: fingerprintOf(name, schema, given),
  };
  return Object.freeze(compiled);
}

function fingerprintOf(name: string, schema: OptionsSchema, given: Record<string, unknown>): string {
  const hooks = functionKeys.map((key) => {
    const value = given[key];
    return typeof value === 'function' ? `${key}=${Function.prototype.toString.call(value)}` : '';
  });
  return [name, Object.keys(schema).join(','), ...hooks].join('\n');
}

function checkOrder(name: string, order: unknown, fail: (message: string) => never): CompiledExtension['order'] {
  if (order === undefined || order === 'first' || order === 'last') return order;
  const expected = `"order" must be 'first', 'last', { before: 'name' } or { after: 'name' }, but got ${describeValue(order)}.`;
  if (order === null || typeof order !== 'object') return fail(expected);
  const keys = Object.keys(order);
  const key = keys[0];
  if (keys.length !== 1 || (key !== 'before' && key !== 'after')) return fail(expected);
  const other: unknown = (order as Record<string, unknown>)[key];
  if (typeof other !== 'string' || other === '') return fail(expected);
  if (other.toLowerCase() === name.toLowerCase()) return fail(`"order" names the extension itself ({ ${key}: '${other}' }).`);
  return key === 'before' ? { before: other } : { after: other };
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '' || name === '*' || /[\s,]/.test(name)) {
    throw new ExtensionConfigurationError(
      typeof name === 'string' ? name : '(unnamed)',
      undefined,
      `defineExtension(): "name" must be a non-empty string without commas or whitespace (it is how ` +
        `AZFX_EXTENSIONS_DISABLED refers to the extension), but got ${describeValue(name)}.`,
    );
  }
  return name;
}

function checkSchema(name: string, options: unknown, fail: (message: string) => never): OptionsSchema {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return fail(`"options" must be an object of option.* builders, but got ${describeValue(options)}.`);
  }
  for (const [key, spec] of Object.entries(options)) {
    const looksLikeOption =
      spec !== null && typeof spec === 'object' && typeof (spec as { parse?: unknown }).parse === 'function';
    if (!looksLikeOption) {
      throw new ExtensionConfigurationError(
        name,
        key,
        `Extension "${name}": option "${key}" must be built with option.* (e.g. option.boolean()), ` +
          `but got ${describeValue(spec)}.`,
      );
    }
  }
  return options as OptionsSchema;
}
