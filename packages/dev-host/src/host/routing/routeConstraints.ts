import { compileDotnetRegex } from './dotnetRegex.js';
import {
  isDotnetBoolean,
  isDotnetDateTime,
  isDotnetDecimal,
  isDotnetFloatingPoint,
  isDotnetGuid,
  parseInt32,
  parseInt64,
} from './dotnetValues.js';

/** An inline constraint of a route parameter, such as `int` or `range(1,10)`, ready to test a decoded value. */
export interface RouteConstraint {
  /** The constraint as written in the template, e.g. `min(1)`. */
  readonly text: string;
  /** The constraint's name in lower case, e.g. `min`. */
  readonly name: string;
  test(value: string): boolean;
}

export type ConstraintResolution = { ok: true; constraint: RouteConstraint } | { ok: false; problem: string };

type Factory = (args: readonly string[], argumentText: string) => ((value: string) => boolean) | string;

function noArguments(test: (value: string) => boolean): Factory {
  return (args) => (args.length === 0 ? test : 'takes no arguments');
}

/** Arguments are converted with .NET's invariant integer parser, which trims white space and allows a sign. */
function integerArguments(
  count: number,
  parse: (text: string) => bigint | undefined,
  build: (values: readonly bigint[]) => ((value: string) => boolean) | string,
): Factory {
  return (args) => {
    if (args.length !== count) return `takes ${count === 1 ? 'one integer argument' : `${count} integer arguments`}`;
    const values: bigint[] = [];
    for (const arg of args) {
      const value = parse(arg);
      if (value === undefined) return `argument '${arg}' is not a valid integer`;
      values.push(value);
    }
    return build(values);
  };
}

function lengthBounds(min: bigint, max: bigint): ((value: string) => boolean) | string {
  if (min < 0n || max < 0n) return 'lengths must not be negative';
  if (min > max) return `the minimum length ${min} is greater than the maximum length ${max}`;
  return (value) => value.length >= min && value.length <= max;
}

function numericBounds(min: bigint, max: bigint): ((value: string) => boolean) | string {
  if (min > max) return `the minimum ${min} is greater than the maximum ${max}`;
  return (value) => {
    const number = parseInt64(value);
    return number !== undefined && number >= min && number <= max;
  };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MAX = 2n ** 31n - 1n;

const FACTORIES: ReadonlyMap<string, Factory> = new Map<string, Factory>([
  ['int', noArguments((value) => parseInt32(value) !== undefined)],
  ['long', noArguments((value) => parseInt64(value) !== undefined)],
  ['bool', noArguments(isDotnetBoolean)],
  ['datetime', noArguments(isDotnetDateTime)],
  ['decimal', noArguments(isDotnetDecimal)],
  ['double', noArguments(isDotnetFloatingPoint)],
  ['float', noArguments(isDotnetFloatingPoint)],
  ['guid', noArguments(isDotnetGuid)],
  ['alpha', noArguments((value) => /^[A-Za-z]*$/.test(value))],
  ['minlength', integerArguments(1, parseInt32, ([min = 0n]) => lengthBounds(min, INT32_MAX))],
  ['maxlength', integerArguments(1, parseInt32, ([max = 0n]) => lengthBounds(0n, max))],
  [
    'length',
    (args, text) =>
      args.length === 1
        ? integerArguments(1, parseInt32, ([exact = 0n]) => lengthBounds(exact, exact))(args, text)
        : integerArguments(2, parseInt32, ([min = 0n, max = 0n]) => lengthBounds(min, max))(args, text),
  ],
  ['min', integerArguments(1, parseInt64, ([min = 0n]) => numericBounds(min, INT64_MAX))],
  ['max', integerArguments(1, parseInt64, ([max = 0n]) => numericBounds(INT64_MIN, max))],
  ['range', integerArguments(2, parseInt64, ([min = 0n, max = 0n]) => numericBounds(min, max))],
  [
    'regex',
    (args, pattern) => {
      if (args.length === 0) return 'needs a pattern, e.g. regex(^[a-z]+$)';
      try {
        const regex = compileDotnetRegex(pattern);
        return (value) => regex.test(value);
      } catch (error) {
        return `its pattern '${pattern}' is not a regular expression JavaScript can run (${(error as Error).message})`;
      }
    },
  ],
]);

export const SUPPORTED_CONSTRAINTS =
  'int, long, bool, datetime, decimal, double, float, guid, alpha, minlength(n), maxlength(n), length(n), ' +
  'length(min,max), min(n), max(n), range(min,max), regex(pattern)';

/**
 * Resolves one inline constraint as ASP.NET Core's default resolver does: the name is what precedes the first `(`
 * (matched case-insensitively), the argument text is what lies between that `(` and a final `)`. `regex` receives
 * the argument text whole; the others split it on commas.
 */
export function resolveConstraint(text: string): ConstraintResolution {
  const open = text.indexOf('(');
  const hasArguments = open >= 0 && text.endsWith(')');
  const name = (hasArguments ? text.slice(0, open) : text).toLowerCase();
  const argumentText = hasArguments ? text.slice(open + 1, -1) : '';
  const factory = FACTORIES.get(name);
  if (factory === undefined) {
    const what = name === '' ? 'an empty constraint' : `the unknown constraint '${text}'`;
    return { ok: false, problem: `it uses ${what}; the supported constraints are ${SUPPORTED_CONSTRAINTS}` };
  }
  const args = hasArguments ? argumentText.split(',').map((arg) => arg.trim()) : [];
  const test = factory(args, argumentText);
  if (typeof test === 'string') return { ok: false, problem: `its constraint '${text}' is invalid: ${name} ${test}` };
  return { ok: true, constraint: { text, name, test } };
}
