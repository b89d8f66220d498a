import { InvalidOptionValue } from './InvalidOptionValue.js';
import type { Option } from './types.js';

interface WithDefault<T> {
  default: T;
}
interface WithoutDefault {
  default?: undefined;
}

type Primitive = string | number | boolean;

function defineOption<T>(
  kind: string,
  expected: string,
  config: { default?: unknown } | undefined,
  parse: (value: unknown) => T,
): Option<T> {
  const hasDefault = config?.default !== undefined;
  return { kind, expected, hasDefault, default: config?.default, parse };
}

// --- boolean -------------------------------------------------------------------------------------------------

function booleanOption(config: WithDefault<boolean>): Option<boolean, true>;
function booleanOption(config?: WithoutDefault): Option<boolean, false>;
function booleanOption(config?: { default?: boolean | undefined }): Option<boolean> {
  return defineOption('boolean', 'a boolean', config, (value) => {
    if (typeof value !== 'boolean') throw InvalidOptionValue.expected('a boolean', value);
    return value;
  });
}

// --- number --------------------------------------------------------------------------------------------------

/** Bounds for `option.number`; both are inclusive. */
export interface NumberOptionConfig {
  min?: number;
  max?: number;
  /** Reject fractions. */
  integer?: boolean;
}

function numberOption(config: NumberOptionConfig & WithDefault<number>): Option<number, true>;
function numberOption(config?: NumberOptionConfig & WithoutDefault): Option<number, false>;
function numberOption(config: NumberOptionConfig & { default?: number | undefined } = {}): Option<number> {
  const { min, max, integer = false } = config;
  if (min !== undefined && max !== undefined && min > max) {
    throw new RangeError(`option.number: min (${min}) is greater than max (${max}).`);
  }
  const expected = describeNumber(min, max, integer);
  return defineOption('number', expected, config, (value) => {
    if (typeof value !== 'number' || Number.isNaN(value)) throw InvalidOptionValue.expected(expected, value);
    if (integer && !Number.isInteger(value)) throw InvalidOptionValue.expected(expected, value);
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      throw InvalidOptionValue.expected(expected, value);
    }
    return value;
  });
}

function describeNumber(min: number | undefined, max: number | undefined, integer: boolean): string {
  const noun = integer ? 'an integer' : 'a number';
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  if (max !== undefined) return `${noun} of at most ${max}`;
  return noun;
}

// --- string --------------------------------------------------------------------------------------------------

export interface StringOptionConfig {
  /** The whole value must match (anchor the pattern yourself: `/^[\w-]+$/`). */
  pattern?: RegExp;
  minLength?: number;
}

function stringOption(config: StringOptionConfig & WithDefault<string>): Option<string, true>;
function stringOption(config?: StringOptionConfig & WithoutDefault): Option<string, false>;
function stringOption(config: StringOptionConfig & { default?: string | undefined } = {}): Option<string> {
  const { pattern, minLength } = config;
  const expected = describeString(pattern, minLength);
  return defineOption('string', expected, config, (value) => {
    if (typeof value !== 'string') throw InvalidOptionValue.expected(expected, value);
    if (minLength !== undefined && value.length < minLength) throw InvalidOptionValue.expected(expected, value);
    if (pattern !== undefined) {
      // A global or sticky pattern remembers where it stopped; start every check from the beginning.
      pattern.lastIndex = 0;
      if (!pattern.test(value)) throw InvalidOptionValue.expected(expected, value);
    }
    return value;
  });
}

function describeString(pattern: RegExp | undefined, minLength: number | undefined): string {
  const parts = ['a string'];
  if (minLength !== undefined) parts.push(`of at least ${minLength} character${minLength === 1 ? '' : 's'}`);
  if (pattern !== undefined) parts.push(`matching ${String(pattern)}`);
  return parts.join(' ');
}

// --- oneOf ---------------------------------------------------------------------------------------------------

function oneOfOption<const Values extends readonly Primitive[]>(
  values: Values,
  config: WithDefault<Values[number]>,
): Option<Values[number], true>;
function oneOfOption<const Values extends readonly Primitive[]>(
  values: Values,
  config?: WithoutDefault,
): Option<Values[number], false>;
function oneOfOption(values: readonly Primitive[], config?: { default?: Primitive | undefined }): Option<Primitive> {
  if (!isNonEmptyList(values)) {
    throw new TypeError('option.oneOf: pass a non-empty list of the allowed values, e.g. option.oneOf(["a", "b"]).');
  }
  const allowed = [...values];
  const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  return defineOption('oneOf', expected, config, (value) => {
    if (!allowed.includes(value as Primitive)) throw InvalidOptionValue.expected(expected, value);
    return value as Primitive;
  });
}

function isNonEmptyList(values: unknown): boolean {
  return Array.isArray(values) && values.length > 0;
}

// --- stringList ----------------------------------------------------------------------------------------------

const listExpected = 'a string or a list of strings';

function stringListOption(config: WithDefault<string | readonly string[]>): Option<string[], true>;
function stringListOption(config?: WithoutDefault): Option<string[], false>;
function stringListOption(config?: { default?: string | readonly string[] | undefined }): Option<string[]> {
  return defineOption('stringList', listExpected, config, (value) => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return [...value] as string[];
    throw InvalidOptionValue.expected(listExpected, value);
  });
}

// --- custom --------------------------------------------------------------------------------------------------

export interface CustomOptionConfig {
  /** What a valid value is, for error messages: "a function", "a URL". */
  expected: string;
  /** `true` when the value is acceptable. */
  check: (value: unknown) => boolean;
}

function customOption<T>(config: CustomOptionConfig & WithDefault<T>): Option<T, true>;
function customOption<T>(config: CustomOptionConfig & WithoutDefault): Option<T, false>;
function customOption<T>(config: CustomOptionConfig & { default?: T | undefined }): Option<T> {
  const { expected, check } = config;
  if (typeof expected !== 'string' || typeof check !== 'function') {
    throw new TypeError('option.custom: pass { expected: "what a valid value is", check: (value) => boolean }.');
  }
  return defineOption('custom', expected, config, (value) => {
    let accepted: boolean;
    try {
      accepted = check(value);
    } catch (error) {
      throw InvalidOptionValue.expected(`${expected} (its check threw: ${String(error)})`, value);
    }
    if (!accepted) throw InvalidOptionValue.expected(expected, value);
    return value as T;
  });
}

/**
 * Option builders for an extension's `options` schema. Without `default`, an option the customer omits resolves
 * to `undefined`, and its type says so.
 */
export const option = {
  boolean: booleanOption,
  number: numberOption,
  string: stringOption,
  oneOf: oneOfOption,
  stringList: stringListOption,
  custom: customOption,
};
