import { describeError } from '../../app/describeError.js';
import { HostStartupError } from '../../app/HostStartupError.js';
import type { Logger } from '../../app/logging/createLogger.js';
import type { AppGeneration } from '../AppGeneration.js';
import { AppUnavailableError, type ServerContext } from '../http/ServerContext.js';
import { describeExit, WorkerProcess, type WorkerExit } from './WorkerProcess.js';

export interface SupervisorOptions {
  readonly logger: Logger;
  /** Starts a worker process for the app as it is on disk now. */
  readonly spawn: () => WorkerProcess;
  /** Indexes a ready worker's functions (throws a HostStartupError for index errors). */
  readonly index: (worker: WorkerProcess) => AppGeneration;
  /** Called with each generation that starts serving (to print its listing). */
  readonly onServing: (generation: AppGeneration) => void;
  /** Called with the message of a restart or reload that failed (`start()` returns the first start's). */
  readonly onStartFailed: (message: string) => void;
  /** How long a replaced or stopping worker may finish its invocations, and then its appTerminate hooks. */
  readonly drainTimeoutMs: number;
  /** With --watch: a worker that cannot start waits for the next change instead of being retried. */
  readonly waitForChangeAfterFailedStart: boolean;
  /** Whether a new worker must take the debugger port over from the one it replaces. */
  readonly handsOverInspector: boolean;
}

/** The first restart after a crash is immediate; each further crash in a row doubles the wait, up to the maximum. */
export const crashBackoff = { firstDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 30_000 };

export function crashDelayMs(consecutiveCrashes: number): number {
  if (consecutiveCrashes <= 1) {
    return 0;
  }
  return Math.min(crashBackoff.firstDelayMs * 2 ** (consecutiveCrashes - 2), crashBackoff.maxDelayMs);
}

interface Active {
  readonly worker: WorkerProcess;
  readonly generation: AppGeneration;
  readonly since: number;
}

const notRunning = 'The app is not running: it failed to start (see the terminal). Fix it and save; azfx reloads it.';

/**
 * Keeps one ready worker process serving the app, as the Functions host does. Requests ask for `current()` and wait
 * while a worker starts. A worker that dies is logged with its cause, its running invocations fail (the
 * WorkerProcess does that), and a new one starts; crashes in a row back off. A reload starts the new worker and
 * switches to it only once it is ready; the old one then finishes its invocations (bounded), runs appTerminate hooks
 * and exits. Start-ups and reloads are serialized; changes during a reload cause one more reload, not one each.
 */
export class WorkerSupervisor {
  readonly #options: SupervisorOptions;
  #active: Active | undefined;
  #unavailable: AppUnavailableError | undefined;
  #waiters: { resolve: (active: Active) => void; reject: (error: unknown) => void }[] = [];
  #consecutiveCrashes = 0;
  #busy: Promise<void> = Promise.resolve();
  #reloadQueued = false;
  #stopped = false;
  #backoffTimer: NodeJS.Timeout | undefined;
  #starting: WorkerProcess | undefined;
  #holds = 0;
  #reloadAfterHold = false;
  readonly #retiring = new Set<Promise<WorkerExit>>();

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  /** Starts the first worker; resolves to the start-up error's message if it cannot start. */
  async start(): Promise<string | undefined> {
    let failure: string | undefined;
    await this.#serialized(async () => {
      failure = await this.#replaceWorker('start');
    });
    return failure;
  }

  /** What to serve a request with: the ready worker's app (waiting while one starts). */
  async current(): Promise<ServerContext> {
    return (await this.#ready()).generation.context;
  }

  /** The ready worker, for an invocation (waiting while one starts). */
  async connect(): Promise<WorkerProcess> {
    return (await this.#ready()).worker;
  }

  /** Reloads the app after a change: at most one reload runs, and at most one more is queued. */
  reload(): Promise<void> {
    if (this.#holds > 0) {
      // A package build is running: the app's files may be half-written too. Reload once it is done.
      this.#reloadAfterHold = true;
      return Promise.resolve();
    }
    return this.#queueReload();
  }

  #queueReload(): Promise<void> {
    if (this.#reloadQueued || this.#stopped) {
      return this.#busy;
    }
    this.#reloadQueued = true;
    return this.#serialized(async () => {
      this.#reloadQueued = false;
      await this.#replaceWorker('reload');
    });
  }

  /** Ends the pending retries of the app being served (shutdown does this before it waits for running work). */
  cancelRetries(): void {
    this.#active?.generation.cancelRetries();
  }

  /**
   * Holds every new request and invocation while `work` runs (a rebuild of a package the app links), then reloads
   * if it succeeded; held requests go to the worker that serves afterwards (the new one, or the old one if the
   * build failed).
   */
  async reloadAfter(work: () => Promise<boolean>): Promise<void> {
    this.#holds++;
    try {
      const built = await work();
      if (built || this.#reloadAfterHold) {
        this.#reloadAfterHold = false;
        await this.#queueReload();
      }
    } finally {
      this.#holds--;
      this.#releaseHeld();
    }
  }

  /** Stops serving: the worker finishes its invocations (bounded), runs appTerminate hooks and exits. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#backoffTimer);
    this.#starting?.kill();
    const active = this.#active;
    this.#active = undefined;
    this.#rejectWaiters(new AppUnavailableError('The host is stopping.'));
    if (active) {
      active.generation.stopTimers();
      active.generation.cancelRetries();
      await active.worker.terminate(this.#options.drainTimeoutMs);
    }
    await Promise.all(this.#retiring);
  }

  #ready(): Promise<Active> {
    if (this.#holds > 0 && !this.#stopped) {
      return new Promise((resolve, reject) => {
        this.#waiters.push({ resolve, reject });
      });
    }
    if (this.#active) {
      return Promise.resolve(this.#active);
    }
    if (this.#unavailable) {
      return Promise.reject(this.#unavailable);
    }
    if (this.#stopped) {
      return Promise.reject(new AppUnavailableError('The host is stopping.'));
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }

  #serialized(step: () => Promise<void>): Promise<void> {
    this.#busy = this.#busy.then(step, step).catch((error: unknown) => {
      this.#options.logger.host('error', `Restarting the worker failed: ${describeError(error)}`);
    });
    return this.#busy;
  }

  /**
   * Starts a worker and, once it is ready and indexed, makes it the one that serves; the previous one retires.
   * Returns the start-up error's message when the new worker cannot start.
   */
  async #replaceWorker(reason: 'start' | 'reload' | 'restart'): Promise<string | undefined> {
    if (this.#stopped) {
      return undefined;
    }
    if (this.#options.handsOverInspector) {
      this.#active?.worker.releaseInspector();
    }
    const worker = this.#options.spawn();
    this.#starting = worker;
    const started = await worker.started;
    this.#starting = undefined;
    let generation: AppGeneration | undefined;
    let failure = started.ok ? undefined : started.message;
    if (started.ok) {
      try {
        generation = this.#options.index(worker);
      } catch (error: unknown) {
        failure = error instanceof HostStartupError ? error.message : describeError(error);
      }
    }
    if (this.#hasStopped()) {
      // stop() came while the worker started.
      worker.kill();
      return undefined;
    }
    if (generation === undefined) {
      worker.kill();
      if (reason !== 'start') {
        this.#options.onStartFailed(failure ?? 'The worker did not start.');
      }
      if (reason !== 'start' && !this.#options.waitForChangeAfterFailedStart) {
        // Without --watch nothing else would bring the app back: keep trying, backing off.
        this.#retire(this.#active);
        this.#active = undefined;
        this.#consecutiveCrashes++;
        this.#scheduleRestart('the new worker could not start');
        return failure;
      }
      this.#retire(this.#active);
      this.#active = undefined;
      this.#unavailable = new AppUnavailableError(notRunning);
      this.#rejectWaiters(this.#unavailable);
      return failure;
    }

    const previous = this.#active;
    const active: Active = { worker, generation, since: Date.now() };
    this.#active = active;
    this.#unavailable = undefined;
    previous?.generation.stopTimers();
    this.#options.onServing(generation);
    generation.startTimers();
    for (const waiter of this.#waiters.splice(0)) {
      waiter.resolve(active);
    }
    void worker.exited.then((exit) => {
      this.#onExit(active, exit);
    });
    this.#retire(previous);
    return undefined;
  }

  /**
   * A replaced worker finishes what it runs and runs appTerminate hooks, while the new one serves. Retries of the
   * replaced code are cancelled: none of them runs after a reload.
   */
  #retire(active: Active | undefined): void {
    if (!active) {
      return;
    }
    active.generation.stopTimers();
    active.generation.cancelRetries();
    const exited = active.worker.terminate(this.#options.drainTimeoutMs);
    this.#retiring.add(exited);
    void exited.then(() => this.#retiring.delete(exited));
  }

  #onExit(active: Active, exit: WorkerExit): void {
    if (this.#active !== active || this.#stopped) {
      return; // a retired worker, or the host is stopping: expected
    }
    this.#active = undefined;
    active.generation.stopTimers();
    // The next worker gets a generation of its own; nothing would cancel this one's retries later (on a reload or
    // shutdown), so they end here.
    active.generation.cancelRetries();
    const lived = Date.now() - active.since;
    this.#consecutiveCrashes = lived >= crashBackoff.stableAfterMs ? 1 : this.#consecutiveCrashes + 1;
    this.#options.logger.host(
      'error',
      `The worker process (pid ${String(active.worker.pid)}) ${describeExit(exit)}; its running invocations failed. Starting a new worker.`,
    );
    this.#scheduleRestart('it crashed');
  }

  #scheduleRestart(why: string): void {
    if (this.#stopped) {
      return;
    }
    const delay = crashDelayMs(this.#consecutiveCrashes);
    if (delay > 0) {
      this.#options.logger.host(
        'warning',
        `The worker has crashed ${this.#consecutiveCrashes} times in a row (${why}): waiting ${delay} ms before starting the next one (requests wait).`,
      );
    }
    clearTimeout(this.#backoffTimer);
    this.#backoffTimer = setTimeout(() => {
      void this.#serialized(async () => {
        if (this.#active === undefined) {
          await this.#replaceWorker('restart');
        }
      });
    }, delay);
  }

  #releaseHeld(): void {
    if (this.#holds > 0) {
      return;
    }
    if (this.#active) {
      const active = this.#active;
      for (const waiter of this.#waiters.splice(0)) {
        waiter.resolve(active);
      }
    } else if (this.#unavailable) {
      this.#rejectWaiters(this.#unavailable);
    }
  }

  #hasStopped(): boolean {
    return this.#stopped;
  }

  #rejectWaiters(error: unknown): void {
    for (const waiter of this.#waiters.splice(0)) {
      waiter.reject(error);
    }
  }
}
