/**
 * A promise that notes whether anyone subscribed to it: `await`, `then`, `catch`, `finally`, `Promise.all` and
 * returning it from an async function all go through `then` for a promise that is not a plain `Promise`. That is
 * how the SDK tells a wrapper that awaited `next()` (and may have recovered from its failure on purpose) from one
 * that dropped it.
 */
export class WatchedPromise<T> extends Promise<T> {
  // Promises derived from it (then, catch, finally) are plain ones: only the one handed out is watched.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  watched = false;

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.watched = true;
    return super.then(onFulfilled, onRejected);
  }

  /** Subscribes to a rejection without counting as watching it. */
  handleUnwatched(onRejected: (reason: unknown) => void): void {
    void super.then(undefined, onRejected);
  }
}
