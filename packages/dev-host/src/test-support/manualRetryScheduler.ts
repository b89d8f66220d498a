import type { RetryScheduler } from '../host/retry/retryScheduler.js';

interface PendingWait {
  readonly delayMs: number;
  readonly end: (waited: boolean) => void;
}

/**
 * A retry scheduler for tests: records every delay the host asks for, and ends each wait only when the test says so
 * (or at once, with `immediate`), so retry tests are driven by events instead of sleeping through real delays.
 */
export class ManualRetryScheduler implements RetryScheduler {
  readonly delays: number[] = [];
  readonly #immediate: boolean;
  readonly #pending: PendingWait[] = [];
  readonly #onPending = new Set<() => void>();

  constructor(options: { immediate?: boolean } = {}) {
    this.#immediate = options.immediate ?? false;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  wait(delayMs: number, signal: AbortSignal): Promise<boolean> {
    this.delays.push(delayMs);
    if (signal.aborted) {
      return Promise.resolve(false);
    }
    if (this.#immediate) {
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const wait: PendingWait = {
        delayMs,
        end: (waited) => {
          const index = this.#pending.indexOf(wait);
          if (index >= 0) this.#pending.splice(index, 1);
          resolve(waited);
        },
      };
      signal.addEventListener('abort', () => {
        wait.end(false);
      }, { once: true });
      this.#pending.push(wait);
      for (const listener of [...this.#onPending]) listener();
    });
  }

  /** Resolves once a wait is pending (at once if one is). */
  nextPending(): Promise<void> {
    if (this.#pending.length > 0) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const listener = (): void => {
        this.#onPending.delete(listener);
        resolve();
      };
      this.#onPending.add(listener);
    });
  }

  /** Ends the oldest pending wait as if its delay had passed. */
  release(): void {
    const wait = this.#pending[0];
    if (wait === undefined) {
      throw new Error('No retry is waiting.');
    }
    wait.end(true);
  }
}
