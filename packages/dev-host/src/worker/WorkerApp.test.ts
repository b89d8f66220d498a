import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../app/logging/LogRecord.js';
import type { LogHookContext } from './hookContexts.js';
import { WorkerApp } from './WorkerApp.js';

const httpBindings = { trigger: { type: 'httpTrigger', direction: 'in' as const } };

function workerWithLogs(): { worker: WorkerApp; logs: LogRecord[] } {
  const logs: LogRecord[] = [];
  return { worker: new WorkerApp('/app', (record) => logs.push(record)), logs };
}

describe('WorkerApp registration', () => {
  it('throws a RangeError marked as a system error for an unknown hook name', () => {
    const { worker } = workerWithLogs();
    let thrown: unknown;
    try {
      worker.registerHook('preinvocation', () => undefined);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(thrown).toMatchObject({ isAzureFunctionsSystemError: true, message: 'Unrecognized hook "preinvocation"' });
  });

  it('removes exactly the disposed hook, even when the same callback was registered twice', async () => {
    const { worker } = workerWithLogs();
    const calls: string[] = [];
    const callback = (): void => {
      calls.push('hook');
    };
    const first = worker.registerHook('appStart', callback);
    worker.registerHook('appStart', callback);
    first.dispose();
    first.dispose();
    await worker.executeHooks('appStart', {});
    expect(calls).toEqual(['hook']);
  });

  it('refuses to register or dispose functions once registration is locked', () => {
    const { worker } = workerWithLogs();
    const registration = worker.registerFunction({ name: 'early', bindings: httpBindings }, () => undefined);
    worker.lockRegistration();
    expect(() => worker.registerFunction({ name: 'late', bindings: httpBindings }, () => undefined)).toThrow(
      'A function can only be registered during app startup.',
    );
    expect(() => registration.dispose()).toThrow('A function can only be disposed during app startup.');
    expect(worker.functions.map((fn) => fn.name)).toEqual(['early']);
  });

  it('refuses a second function with the same id, and lets a disposed one go', () => {
    const { worker } = workerWithLogs();
    const registration = worker.registerFunction({ name: 'twice', bindings: httpBindings }, () => undefined);
    expect(() => worker.registerFunction({ name: 'twice', bindings: httpBindings }, () => undefined)).toThrow(
      'A function with id "twice" has already been registered.',
    );
    registration.dispose();
    expect(worker.functions).toEqual([]);
  });

  it('stops at the first throwing hook', async () => {
    const { worker } = workerWithLogs();
    const calls: string[] = [];
    worker.registerHook('appTerminate', () => {
      throw new Error('first fails');
    });
    worker.registerHook('appTerminate', () => calls.push('second'));
    await expect(worker.executeHooks('appTerminate', {})).rejects.toThrow('first fails');
    expect(calls).toEqual([]);
  });
});

describe('WorkerApp logging', () => {
  it('lets log hooks change the level and message of user logs only', () => {
    const { worker, logs } = workerWithLogs();
    worker.registerHook('log', (context) => {
      const log = context as LogHookContext;
      log.level = 'error';
      log.message = `changed: ${log.message}`;
    });
    worker.log({ level: 'information', category: 'user', message: 'from the app' });
    worker.log({ level: 'debug', category: 'system', message: 'from the worker' });
    expect(logs.map((log) => [log.level, log.category, log.message])).toEqual([
      ['error', 'user', 'changed: from the app'],
      ['debug', 'system', 'from the worker'],
    ]);
  });

  it('makes category, hookData and invocationContext read-only for log hooks', () => {
    const { worker } = workerWithLogs();
    const failures: string[] = [];
    worker.registerHook('log', (context) => {
      for (const property of ['category', 'hookData', 'invocationContext']) {
        try {
          (context as Record<string, unknown>)[property] = 'x';
        } catch (error: unknown) {
          failures.push((error as Error).message);
        }
      }
    });
    worker.log({ level: 'information', category: 'user', message: 'm' });
    expect(failures).toEqual([
      "Cannot assign to read only property 'category'",
      "Cannot assign to read only property 'hookData'",
      "Cannot assign to read only property 'invocationContext'",
    ]);
  });

  it('ignores a throwing log hook: later hooks are skipped and the log goes out unchanged', () => {
    const { worker, logs } = workerWithLogs();
    const later: string[] = [];
    worker.registerHook('log', (context) => {
      (context as LogHookContext).message = 'half-changed';
      throw new Error('log hook bug');
    });
    worker.registerHook('log', () => later.push('ran'));
    worker.log({ level: 'warning', category: 'user', message: 'original' });
    expect(logs.map((log) => log.message)).toEqual(['original']);
    expect(later).toEqual([]);
  });

  it('does not run log hooks again for a log written by a log hook', () => {
    const { worker, logs } = workerWithLogs();
    let calls = 0;
    worker.registerHook('log', () => {
      calls++;
      worker.log({ level: 'information', category: 'system', message: 'written by the hook' });
    });
    worker.log({ level: 'information', category: 'user', message: 'first' });
    expect(calls).toBe(1);
    expect(logs.map((log) => log.message)).toEqual(['written by the hook', 'first']);
  });

  it('swallows a rejected promise returned by a log hook', async () => {
    const { worker, logs } = workerWithLogs();
    worker.registerHook('log', () => Promise.reject(new Error('async log hook')));
    worker.log({ level: 'information', category: 'user', message: 'still logged' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs.map((log) => log.message)).toEqual(['still logged']);
  });
});
