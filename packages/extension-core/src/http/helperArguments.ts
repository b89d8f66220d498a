/**
 * The checks every HTTP helper runs on what an extension passes it. A bad header name or value would otherwise
 * surface later, inside the library, as a TypeError from `Headers` that fails the invocation and names neither the
 * extension nor the call that caused it; here it fails at the call, with the helper, the extension and the fix.
 */

/** Who called: the helper's name, and the extension when the helper was given its hook context. */
export interface Caller {
  readonly helper: string;
  readonly extension?: string | undefined;
}

// RFC 9110 token: what `Headers` accepts as a name.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// What `Headers` accepts as a value once trimmed: no NUL, CR or LF.
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

export function helperError(caller: Caller, problem: string, fix: string): TypeError {
  const who = caller.extension === undefined ? caller.helper : `${caller.helper} (extension "${caller.extension}")`;
  return new TypeError(`${who}: ${problem}. ${fix}`);
}

// The last name that passed: an extension adds the same header on every invocation, and the check is a regular
// expression run over it each time.
let lastValidName = '';

export function checkHeaderName(caller: Caller, name: unknown): string {
  if (name === lastValidName && name !== '') return name;
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
    throw helperError(
      caller,
      `${describe(name)} is not a valid HTTP header name`,
      "Pass a name made of letters, digits and !#$%&'*+-.^_`|~, e.g. \"x-request-id\".",
    );
  }
  lastValidName = name;
  return name;
}

export function checkHeaderValue(caller: Caller, name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw helperError(
      caller,
      `the value of header "${name}" is ${describe(value)}, not a string`,
      'Pass a string (convert numbers with String(value)).',
    );
  }
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw helperError(
      caller,
      `the value of header "${name}" contains a line break or NUL character (${JSON.stringify(value)})`,
      'Remove CR, LF and NUL characters from it: they would split the response.',
    );
  }
  return value;
}

/** The hook context a helper was given, checked to be an object; the extension's name when it carries one. */
export function checkContext(helper: string, ctx: unknown, needs: string): Caller {
  if (ctx === null || typeof ctx !== 'object') {
    throw helperError(
      { helper },
      `expected the hook's context as its first argument, got ${describe(ctx)}`,
      `Call it as ${helper}(ctx, …) from ${needs}.`,
    );
  }
  const { extension } = ctx as { extension?: unknown };
  return { helper, extension: typeof extension === 'string' ? extension : undefined };
}

export function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `${typeof value} ${String(value)}`;
  }
}
