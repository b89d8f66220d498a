import { describeError } from '../app/describeError.js';
import type { InFlightWork } from '../app/InFlightWork.js';
import type { Logger } from '../app/logging/createLogger.js';

type Step = () => void | Promise<void>;

/**
 * The one owner of stopping a host, used both when start-up fails half-way and on close. Start-up registers what it
 * starts, as it starts it: `onStop` steps end intake (stop listening, stop timers) and run first, in order; then the
 * tracked requests and invocations drain (bounded); then `release` steps undo start-up in reverse (the worker's
 * appTerminate hooks, the environment, connections). Every step runs even if an earlier one fails. Idempotent.
 */
export class Shutdown {
  readonly #logger: Logger;
  readonly #onStop: Step[] = [];
  readonly #release: Step[] = [];
  readonly #requests: InFlightWork;
  readonly #invocations: InFlightWork;
  #running: Promise<void> | undefined;

  constructor(logger: Logger, requests: InFlightWork, invocations: InFlightWork) {
    this.#logger = logger;
    this.#requests = requests;
    this.#invocations = invocations;
  }

  get started(): boolean {
    return this.#running !== undefined;
  }

  onStop(step: Step): void {
    this.#onStop.push(step);
  }

  release(step: Step): void {
    this.#release.push(step);
  }

  /** Stops everything registered so far; `drainTimeoutMs` bounds the wait for running work. */
  run(drainTimeoutMs: number): Promise<void> {
    this.#running ??= this.#run(drainTimeoutMs);
    return this.#running;
  }

  async #run(drainTimeoutMs: number): Promise<void> {
    for (const step of this.#onStop) {
      await this.#attempt(step);
    }
    const deadline = Date.now() + drainTimeoutMs;
    const [requestsDone, invocationsDone] = await Promise.all([this.#requests.drain(drainTimeoutMs), this.#invocations.drain(Math.max(0, deadline - Date.now()))]);
    if (!requestsDone || !invocationsDone) {
      // Each is counted once: an HTTP request's invocation is part of the request.
      const requests = this.#requests.size;
      const invocations = this.#invocations.size;
      this.#logger.host(
        'warning',
        `${requests + invocations} request(s) or invocation(s) still running after ${drainTimeoutMs} ms (${requests} HTTP request(s), ${invocations} other invocation(s)); stopping without them.`,
      );
    }
    for (const step of [...this.#release].reverse()) {
      await this.#attempt(step);
    }
  }

  async #attempt(step: Step): Promise<void> {
    try {
      await step();
    } catch (error: unknown) {
      this.#logger.host('warning', `A step of stopping the host failed: ${describeError(error)}`);
    }
  }
}
