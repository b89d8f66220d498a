import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerApp } from '../WorkerApp.js';
import { createCoreApi } from './createCoreApi.js';
import { Disposable } from './Disposable.js';
import { provideCoreModule } from './installCoreModule.js';

const require = createRequire(import.meta.url);

afterEach(() => {
  provideCoreModule(undefined);
});

describe('the @azure/functions-core module', () => {
  it('is served by require while a worker provides it, and missing otherwise', () => {
    const worker = new WorkerApp('/app', () => undefined);
    const api = createCoreApi(worker);
    provideCoreModule(api);
    expect(require('@azure/functions-core')).toBe(api);
    provideCoreModule(undefined);
    expect(() => {
      require('@azure/functions-core');
    }).toThrow(/Cannot find module '@azure\/functions-core'/);
  });

  it('has the shape the library expects', () => {
    const worker = new WorkerApp('/app', () => undefined);
    const api = createCoreApi(worker);
    expect(typeof api.version).toBe('string');
    expect(api.hostVersion).toMatch(/^4\.\d+\.\d+$/);
    expect(typeof api.log).toBe('function');
    expect(api.getProgrammingModel()).toBeUndefined();
    const model = { name: 'test-model', version: '1.0.0', getInvocationModel: () => Promise.reject(new Error('unused')) };
    api.setProgrammingModel(model);
    expect(api.getProgrammingModel()).toBe(model);
    expect(new api.Disposable(() => undefined)).toBeInstanceOf(Disposable);
  });

  it("is a plain writable object, as the worker's is, so a package may wrap registerFunction to observe it", () => {
    const worker = new WorkerApp('/app', () => undefined);
    const api = createCoreApi(worker);
    expect(Object.isFrozen(api)).toBe(false);
    const seen: string[] = [];
    const original = api.registerFunction.bind(api);
    api.registerFunction = (metadata, callback) => {
      seen.push(metadata.name);
      return original(metadata, callback);
    };
    provideCoreModule(api);
    (require('@azure/functions-core') as typeof api).registerFunction({ name: 'observed', bindings: {} }, () => undefined);
    expect(seen).toEqual(['observed']);
  });

  it('routes core API logs through the worker as system logs', () => {
    const messages: string[] = [];
    const worker = new WorkerApp('/app', (record) => messages.push(`${record.category}:${record.level}:${record.message}`));
    createCoreApi(worker).log('warning', 'system', 'library says hi');
    expect(messages).toEqual(['system:warning:library says hi']);
  });
});

describe('Disposable', () => {
  it('runs its callback once, and from() disposes every member', () => {
    const calls: string[] = [];
    const a = new Disposable(() => calls.push('a'));
    const b = new Disposable(() => calls.push('b'));
    const both = Disposable.from(a, b);
    both.dispose();
    both.dispose();
    a.dispose();
    expect(calls).toEqual(['a', 'b']);
  });
});
