import { inspect } from 'node:util';

/** A short, quoted description of a value with its type, for error messages: `"yes" (string)`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  const type = Array.isArray(value) ? 'array' : typeof value;
  const shown = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 60 });
  // inspect() quotes strings with single quotes; messages read better with double quotes.
  const text = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value) : shown;
  return `${text} (${type})`;
}
