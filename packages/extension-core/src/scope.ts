import { ExtensionConfigurationError } from './errors.js';
import { describeValue } from './options/describeValue.js';
import { didYouMean } from './options/suggest.js';

/** What a function-scope predicate learns about a function. */
export interface FunctionInfo {
  readonly functionName: string;
  /** The trigger binding type, e.g. `httpTrigger`, `timerTrigger`. */
  readonly triggerType: string;
}

/**
 * Where an extension runs: `'app'` (every function) or the functions matching every given criterion. Function
 * names and trigger types match case-insensitively, as Functions itself treats them.
 */
export type Scope =
  | 'app'
  | {
      functions?: string | readonly string[];
      triggers?: string | readonly string[];
      when?: (fn: FunctionInfo) => boolean;
    };

/** A validated scope, with names lower-cased once so that matching is a set lookup. */
export type NormalizedScope =
  | { readonly kind: 'app'; readonly source: 'app' }
  | {
      readonly kind: 'function';
      readonly source: Scope;
      readonly functions: ReadonlySet<string> | undefined;
      readonly triggers: ReadonlySet<string> | undefined;
      readonly when: ((fn: FunctionInfo) => boolean) | undefined;
    };

const appScope: NormalizedScope = { kind: 'app', source: 'app' };
const scopeKeys = ['functions', 'triggers', 'when'];

export function normalizeScope(extension: string, scope: unknown): NormalizedScope {
  if (scope === 'app') return appScope;
  const fail = (message: string): never => {
    throw new ExtensionConfigurationError(extension, undefined, `Extension "${extension}": scope ${message}`);
  };
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) {
    return fail(
      `must be 'app' or { functions?, triggers?, when? }, but got ${describeValue(scope)}.`,
    );
  }
  const given = scope as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!scopeKeys.includes(key)) {
      fail(`has an unknown key "${key}".${didYouMean(key, scopeKeys)} Known keys: ${scopeKeys.join(', ')}.`);
    }
  }
  const functions = nameSet(given.functions, 'functions', fail);
  const triggers = nameSet(given.triggers, 'triggers', fail);
  const when = given.when;
  if (when !== undefined && typeof when !== 'function') {
    fail(`"when" must be a function (fn) => boolean, but got ${describeValue(when)}.`);
  }
  if (functions === undefined && triggers === undefined && when === undefined) {
    fail(`selects no function: give functions, triggers or when (or use 'app' for every function).`);
  }
  const source: Scope = { ...given };
  return {
    kind: 'function',
    source,
    functions,
    triggers,
    when: when as ((fn: FunctionInfo) => boolean) | undefined,
  };
}

function nameSet(value: unknown, key: string, fail: (message: string) => never): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const names: unknown[] = Array.isArray(value) ? value : [value];
  if (names.length === 0 || !names.every((name) => typeof name === 'string' && name.trim() !== '')) {
    fail(`"${key}" must be a name or a non-empty list of names, but got ${describeValue(value)}.`);
  }
  return new Set((names as string[]).map((name) => name.trim().toLowerCase()));
}

/**
 * Whether a function-level scope selects the function. Names arrive lower-cased. A throwing `when` propagates: the
 * caller treats it as that extension's fault.
 */
export function scopeSelects(
  scope: NormalizedScope,
  functionKey: string,
  triggerKey: string,
  info: FunctionInfo,
): boolean {
  if (scope.kind === 'app') return true;
  if (scope.functions !== undefined && !scope.functions.has(functionKey)) return false;
  if (scope.triggers !== undefined && !scope.triggers.has(triggerKey)) return false;
  return scope.when === undefined || scope.when(info);
}

/** The scope as the start-up line shows it: `app`, `function: HttpTrigger; trigger: httpTrigger; when`. */
export function describeScope(scope: NormalizedScope): string {
  if (scope.kind === 'app') return 'app';
  const source = scope.source as Exclude<Scope, 'app'>;
  const parts: string[] = [];
  if (source.functions !== undefined) parts.push(`function: ${listOf(source.functions)}`);
  if (source.triggers !== undefined) parts.push(`trigger: ${listOf(source.triggers)}`);
  if (source.when !== undefined) parts.push('when');
  return parts.join('; ');
}

function listOf(names: string | readonly string[]): string {
  return typeof names === 'string' ? names : names.join(', ');
}
