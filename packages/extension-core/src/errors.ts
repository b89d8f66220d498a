/**
 * Thrown when an extension is defined or configured with something it cannot use. The message names the
 * extension, the option (when there is one) and what was expected, so the customer can fix it from the log alone.
 */
export class ExtensionConfigurationError extends Error {
  override readonly name = 'ExtensionConfigurationError';
  /** The extension's name (as given to `defineExtension`). */
  readonly extension: string;
  /** The option at fault, or `undefined` when the problem is not about one option. */
  readonly option: string | undefined;

  constructor(extension: string, option: string | undefined, message: string) {
    super(message);
    this.extension = extension;
    this.option = option;
  }
}

/**
 * Stands for an extension fault that is not an `Error` of its own: a hook that threw a non-Error value, or one that
 * exceeded its `hookTimeoutMs`. Only seen by other extensions (and the host) when the faulting extension declared
 * `failInvocationOnError: true`; the original value, if any, is the `cause`.
 */
export class ExtensionHookError extends Error {
  override readonly name = 'ExtensionHookError';
  readonly extension: string;
  /** The phase the fault happened in, e.g. `preInvocation`. */
  readonly phase: string;
  /** What went wrong, without the extension and phase: "timed out after 50 ms; the hook was abandoned". */
  readonly reason: string;
  /** `true` when the hook was abandoned because it exceeded `hookTimeoutMs`. */
  readonly timedOut: boolean;

  constructor(extension: string, phase: string, reason: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(`Extension "${extension}" ${reason} (in ${phase}).`, 'cause' in options ? { cause: options.cause } : undefined);
    this.extension = extension;
    this.phase = phase;
    this.reason = reason;
    this.timedOut = options.timedOut ?? false;
  }
}
