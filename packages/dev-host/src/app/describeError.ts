// JSON.stringify gives undefined for a function or a symbol (its type says string): String() describes those.
const stringify = JSON.stringify as (value: unknown) => string | undefined;

/** Text for any thrown value, for the host's logs and start-up errors: the stack of an Error, else the best text. */
export function describeError(error: unknown): string {
  // App code may throw anything, including values that throw when read (a stack getter, a Proxy, a toString):
  // describing the failure must never become a failure of the host itself.
  try {
    if (error instanceof Error) {
      return error.stack ?? `${error.name}: ${error.message}`;
    }
    if (typeof error === 'string') {
      return error;
    }
    try {
      return stringify(error) ?? String(error);
    } catch {
      return String(error);
    }
  } catch {
    return 'a thrown value that cannot be turned into text';
  }
}
