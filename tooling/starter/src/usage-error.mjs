// @ts-check

/**
 * A mistake in what the person typed (a bad name, a missing flag). The command-line entry points print its message
 * alone and exit with status 1; any other error is a bug and keeps its stack trace.
 */
export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}
