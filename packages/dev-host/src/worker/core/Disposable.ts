import type { DisposableLike } from '../../app/coreApiTypes.js';

/**
 * The core API's `Disposable`: runs its callback once, on the first `dispose()`. `from()` bundles several
 * disposables into one, which libraries use to undo a group of registrations together.
 */
export class Disposable implements DisposableLike {
  static from(...disposables: DisposableLike[]): Disposable {
    return new Disposable(() => {
      for (const disposable of disposables) {
        disposable.dispose();
      }
    });
  }

  #callOnDispose: (() => unknown) | undefined;

  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }

  dispose(): unknown {
    const callOnDispose = this.#callOnDispose;
    this.#callOnDispose = undefined;
    return callOnDispose?.();
  }
}
