/**
 * Waits out a retry delay. The host waits with a timer and stops waiting when it shuts down; tests inject their own
 * scheduler to see the delays asked for and to decide when each wait ends, instead of sleeping.
 */
export interface RetryScheduler {
  /** Resolves true after `delayMs`, or false as soon as `signal` aborts (at once if it already has). */
  wait(delayMs: number, signal: AbortSignal): Promise<boolean>;
}

// setTimeout cannot wait longer than this; a longer delay is waited out in several steps.
const maxTimeoutMs = 2 ** 31 - 1;

export const timerRetryScheduler: RetryScheduler = {
  wait(delayMs, signal) {
    return new Promise<boolean>((resolve) => {
      if (signal.aborted) {
        resolve(false);
        return;
      }
      const deadline = Date.now() + delayMs;
      let handle: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        clearTimeout(handle);
        resolve(false);
      };
      const step = (): void => {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
          return;
        }
        handle = setTimeout(step, Math.min(remaining, maxTimeoutMs));
        // A pending retry alone must not keep a process alive (the HTTP server does that for `azfx start`).
        handle.unref();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      step();
    });
  },
};
