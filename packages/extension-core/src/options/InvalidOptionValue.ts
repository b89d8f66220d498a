import { describeValue } from './describeValue.js';

/**
 * Raised by an option's `parse` when a value does not fit. It carries only the problem ("must be a boolean, but
 * got 1 (number)"); the caller adds the extension and option names.
 */
export class InvalidOptionValue extends Error {
  override readonly name = 'InvalidOptionValue';

  static expected(expected: string, value: unknown): InvalidOptionValue {
    return new InvalidOptionValue(`must be ${expected}, but got ${describeValue(value)}`);
  }
}
