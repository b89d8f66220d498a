import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { provideCoreModule } from '../../worker/core/installCoreModule.js';
import { AppRuntime } from '../AppRuntime.js';
import { describeFunctions } from '../../app/functionDescriptors.js';
import { HostStartupError } from '../../app/HostStartupError.js';
import { InFlightWork } from '../../app/InFlightWork.js';
import { createLogger } from '../../app/logging/createLogger.js';
import { libraryForWorker } from '../../test-support/libraryForWorker.js';
import { invokeFunction } from '../../worker/LocalWorker.js';
import { WorkerApp } from '../../worker/WorkerApp.js';
import { resolveAppSettingReferences, resolveTimerSchedules } from './resolveTimerSchedules.js';
import { TimerScheduler } from './TimerScheduler.js';

type TimerHandler = (timer: { isPastDue: boolean }) => unknown;

/** A real worker with the real library, and timer functions registered through it. */
function timerApp(timers: Record<string, { schedule: string; runOnStartup?: boolean; handler: TimerHandler }>): TimerScheduler {
  const logger = createLogger({ quiet: true, verbose: false });
  const worker = new WorkerApp('/app', logger.write);
  const { app } = libraryForWorker(worker);
  for (const [name, options] of Object.entries(timers)) {
    app.timer(name, options);
  }
  worker.lockRegistration();
  const descriptors = describeFunctions(worker.functions);
  const connection = { functions: worker.functions, httpUri: undefined, invoke: invokeFunction.bind(undefined, worker) };
  const runtime = new AppRuntime(descriptors, logger, new InFlightWork(), () => Promise.resolve(connection));
  return new TimerScheduler(runtime, resolveTimerSchedules(descriptors, {}));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2025-01-01T00:00:03.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
  provideCoreModule(undefined);
});

describe('TimerScheduler', () => {
  it('runs a timer at each occurrence of its schedule until stopped', async () => {
    const fired: string[] = [];
    const scheduler = timerApp({ every10s: { schedule: '*/10 * * * * *', handler: () => void fired.push(new Date().toISOString()) } });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual(['2025-01-01T00:00:10.000Z']);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(fired).toEqual(['2025-01-01T00:00:10.000Z', '2025-01-01T00:00:20.000Z', '2025-01-01T00:00:30.000Z']);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fired).toHaveLength(3);
  });

  it('runs a runOnStartup timer at once, with IsPastDue false', async () => {
    const seen: boolean[] = [];
    const scheduler = timerApp({ onStart: { schedule: '0 0 0 1 1 *', runOnStartup: true, handler: (timer) => void seen.push(timer.isPastDue) } });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([false]);
    scheduler.stop();
  });

  it('never overlaps a timer with itself: the next run is planned after the current one ends', async () => {
    const starts: string[] = [];
    const scheduler = timerApp({
      slow: {
        schedule: '*/10 * * * * *',
        handler: async () => {
          starts.push(new Date().toISOString());
          await new Promise((resolve) => setTimeout(resolve, 25_000));
        },
      },
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts).toEqual(['2025-01-01T00:00:10.000Z', '2025-01-01T00:00:40.000Z']);
    scheduler.stop();
  });

  it('reaches occurrences further away than one setTimeout can wait', async () => {
    const fired: string[] = [];
    vi.setSystemTime(new Date('2025-01-10T00:00:00.000Z'));
    const scheduler = timerApp({ yearly: { schedule: '0 0 0 1 1 *', handler: () => void fired.push(new Date().toISOString()) } });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(365 * 24 * 3600 * 1000);
    // Cron fields are local time, as in the host.
    expect(fired).toEqual([new Date(2026, 0, 1).toISOString()]);
    scheduler.stop();
  });
});

describe('resolveTimerSchedules', () => {
  it('resolves %Setting% references from the environment', () => {
    expect(resolveAppSettingReferences('%A% %B%', { A: '0', B: '*/5 * * * *' })).toBe('0 */5 * * * *');
    expect(() => resolveAppSettingReferences('%MISSING%', {})).toThrow(HostStartupError);
  });

  it('reads the schedule and runOnStartup of every timer function', () => {
    const worker = new WorkerApp('/app', () => undefined);
    worker.registerFunction(
      { name: 'configured', bindings: { t: { type: 'timerTrigger', direction: 'in', schedule: '%SCHEDULE%', runOnStartup: true } } },
      () => undefined,
    );
    worker.registerFunction({ name: 'web', bindings: { h: { type: 'httpTrigger', direction: 'in' } } }, () => undefined);
    const [timer, ...others] = resolveTimerSchedules(describeFunctions(worker.functions), { SCHEDULE: '00:05:00' });
    expect(others).toEqual([]);
    expect(timer?.descriptor.name).toBe('configured');
    expect(timer?.runOnStartup).toBe(true);
    expect(timer?.schedule.next(new Date('2025-01-01T00:00:00Z')).toISOString()).toBe('2025-01-01T00:05:00.000Z');
  });

  it('refuses a timer without a schedule', () => {
    const worker = new WorkerApp('/app', () => undefined);
    worker.registerFunction({ name: 'bare', bindings: { t: { type: 'timerTrigger', direction: 'in' } } }, () => undefined);
    expect(() => resolveTimerSchedules(describeFunctions(worker.functions), {})).toThrow(/Timer function "bare" has no schedule/);
  });
});
