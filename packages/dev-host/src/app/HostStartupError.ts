/**
 * The app cannot start. The message says what is wrong and how to fix it; the CLI prints it and exits non-zero,
 * `startHost` rejects with it. `cause` keeps the underlying error (for a load error: the app's own, with its stack).
 */
export class HostStartupError extends Error {
  override readonly name = 'HostStartupError';
}
