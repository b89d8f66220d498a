import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import { listExtensions } from '../listExtensions.js';
import { nativeHooks } from '../nativeHooks.js';
import { option } from '../options/option.js';
import { recorder, tick, useFreshRegistry } from '../test-support/recorder.js';

useFreshRegistry();

let consoleInfo: MockInstance<typeof console.info>;
beforeEach(() => {
  consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  consoleInfo.mockRestore();
});

describe('app start', () => {
  it('logs one line listing the extensions in order with their scopes, and the disabled ones', async () => {
    process.env.AZFX_EXTENSIONS_DISABLED = 'cache, typo';
    defineExtension({ name: 'auth', scope: { functions: 'HttpTrigger' } }).configure();
    defineExtension({ name: 'timer' }).configure();
    defineExtension({ name: 'cache', scope: { triggers: 'httpTrigger', when: () => true } }).configure();

    await nativeHooks.appStart();

    expect(consoleInfo.mock.calls).toEqual([
      [
        '[azfx] Extensions: timer (app), auth (function: HttpTrigger), cache (trigger: httpTrigger; when); ' +
          'disabled: cache; AZFX_EXTENSIONS_DISABLED names no registered extension: typo',
      ],
    ]);
  });

  it('says when everything is disabled, or nothing is registered', async () => {
    defineExtension({ name: 'timer' }).configure();
    process.env.AZFX_EXTENSIONS_DISABLED = '*';
    await nativeHooks.appStart();
    expect(consoleInfo).toHaveBeenCalledWith('[azfx] Extensions: timer (app); disabled: all (*)');

    delete process.env.AZFX_EXTENSIONS_DISABLED;
    consoleInfo.mockClear();
    const { resetExtensions } = await import('../testing/resetExtensions.js');
    resetExtensions();
    await nativeHooks.appStart();
    expect(consoleInfo).toHaveBeenCalledWith('[azfx] Extensions: none; disabled: none');
  });

  it('waits for async init hooks, then runs appStart hooks in order, with options, app state and a logger', async () => {
    const { events, record } = recorder();
    defineExtension({
      name: 'slowInit',
      options: { greeting: option.string({ default: 'hi' }) },
      appState: () => ({ ready: false }),
      async init(ctx) {
        await tick();
        ctx.appState.ready = true;
        record('slowInit:init done');
      },
      appStart(ctx) {
        const logsToConsole = ctx.logger === console;
        record(`${ctx.extension}:appStart ready=${String(ctx.appState.ready)} greeting=${ctx.options.greeting} console=${String(logsToConsole)}`);
      },
    }).configure();
    defineExtension({
      name: 'second',
      async appStart() {
        await tick();
        record('second:appStart');
      },
    }).configure();

    await nativeHooks.appStart();

    expect(events).toEqual(['slowInit:init done', 'slowInit:appStart ready=true greeting=hi console=true', 'second:appStart']);
  });
});

describe('app terminate', () => {
  it('runs appTerminate hooks in reverse order, awaiting each', async () => {
    const { events, record } = recorder();
    for (const name of ['first', 'second', 'third']) {
      defineExtension({
        name,
        async appTerminate() {
          await tick();
          record(name);
        },
      }).configure();
    }

    await nativeHooks.appTerminate();

    expect(events).toEqual(['third', 'second', 'first']);
  });
});

describe('listExtensions()', () => {
  it('reports name, scope, resolved options, disabled flag and pre-invocation order', () => {
    const scope = { functions: ['a', 'b'] };
    defineExtension({ name: 'fn', options: { n: option.number({ default: 1 }) } }).configure({ n: 2 }, { scope });
    defineExtension({ name: 'app' }).configure();

    expect(listExtensions()).toEqual([
      { name: 'app', scope: 'app', options: {}, disabled: false, order: 0 },
      { name: 'fn', scope: { functions: ['a', 'b'] }, options: { n: 2 }, disabled: false, order: 1 },
    ]);
  });
});
