import type { AppRuntime } from '../AppRuntime.js';
import { timerInfo } from '../../app/typedData.js';
import type { TimerFunction } from './resolveTimerSchedules.js';

// setTimeout cannot wait longer than this; a later occurrence is reached in several waits.
const maxTimeoutMs = 2 ** 31 - 1;

/**
 * Runs timer functions on their schedules while the host runs. Like the host, a timer never overlaps itself: the
 * next occurrence is computed after the current invocation ends. `runOnStartup` runs the function once at start.
 */
export class TimerScheduler {
  readonly #runtime: AppRuntime;
  readonly #timers: readonly TimerFunction[];
  readonly #handles = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(runtime: AppRuntime, timers: readonly TimerFunction[]) {
    this.#runtime = runtime;
    this.#timers = timers;
  }

  start(): void {
    for (const timer of this.#timers) {
      if (timer.runOnStartup) {
        void this.#fire(timer, new Date());
      } else {
        this.#scheduleNext(timer);
      }
    }
  }

  stop(): void {
    this.#stopped = true;
    for (const handle of this.#handles) {
      clearTimeout(handle);
    }
    this.#handles.clear();
  }

  #scheduleNext(timer: TimerFunction): void {
    if (this.#stopped) {
      return;
    }
    let next: Date;
    try {
      next = timer.schedule.next(new Date());
    } catch {
      return; // no further occurrence (e.g. a date that never comes again)
    }
    this.#waitUntil(next, () => void this.#fire(timer, next));
  }

  #waitUntil(when: Date, action: () => void): void {
    const delay = when.getTime() - Date.now();
    const handle = setTimeout(
      () => {
        this.#handles.delete(handle);
        if (this.#stopped) {
          return;
        }
        if (delay > maxTimeoutMs) {
          this.#waitUntil(when, action);
        } else {
          action();
        }
      },
      Math.min(Math.max(delay, 0), maxTimeoutMs),
    );
    // Timers alone must not keep a process alive (the HTTP server does that for `azfx start`).
    handle.unref();
    this.#handles.add(handle);
  }

  async #fire(timer: TimerFunction, scheduledFor: Date): Promise<void> {
    if (this.#stopped) {
      return;
    }
    // The next occurrence waits for the retries of this one, as the host's timer listener does.
    await this.#runtime.invokeTrigger(timer.descriptor, {
      triggerData: timerInfo(),
      reason: `Timer fired at ${scheduledFor.toISOString()}`,
      announce: true,
    });
    this.#scheduleNext(timer);
  }
}
