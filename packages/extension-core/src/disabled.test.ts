import { describe, expect, it } from 'vitest';
import { defineExtension } from './defineExtension.js';
import { isDisabled, readDisabledSetting } from './disabled.js';
import { listExtensions } from './listExtensions.js';
import { nativeHooks } from './nativeHooks.js';
import { recorder, useFreshRegistry } from './test-support/recorder.js';
import { runInvocation } from './testing/runInvocation.js';

useFreshRegistry();

describe('reading AZFX_EXTENSIONS_DISABLED', () => {
  it.each([
    [undefined, 'timer', false],
    ['', 'timer', false],
    ['timer', 'timer', true],
    [' Timer , auth ', 'TIMER', true],
    [' Timer , auth ', 'auth', true],
    ['timer,,auth', 'other', false],
    ['*', 'anything', true],
    ['auth, *', 'anything', true],
  ])('%j disables %s: %s', (value, name, disabled) => {
    const env = value === undefined ? {} : { AZFX_EXTENSIONS_DISABLED: value };
    expect(isDisabled(readDisabledSetting(env), name)).toBe(disabled);
  });
});

function configureTwo(record: (event: string) => void): void {
  for (const name of ['timer', 'auth']) {
    defineExtension({
      name,
      init() {
        record(`${name}:init`);
      },
      appStart() {
        record(`${name}:appStart`);
      },
      preInvocation() {
        record(`${name}:pre`);
      },
      postInvocation() {
        record(`${name}:post`);
      },
    }).configure();
  }
}

describe('disabled extensions', () => {
  it('do not run any hook when named in the setting at registration', async () => {
    process.env.AZFX_EXTENSIONS_DISABLED = 'AUTH';
    const { events, record } = recorder();
    configureTwo(record);

    await runInvocation();

    expect(events).toEqual(['timer:init', 'timer:pre', 'timer:post']);
    expect(listExtensions().map(({ name, disabled }) => ({ name, disabled }))).toEqual([
      { name: 'timer', disabled: false },
      { name: 'auth', disabled: true },
    ]);
  });

  it('all stop with *', async () => {
    process.env.AZFX_EXTENSIONS_DISABLED = '*';
    const { events, record } = recorder();
    configureTwo(record);

    await nativeHooks.appStart();
    const outcome = await runInvocation({ handler: () => 'untouched' });

    expect(events).toEqual([]);
    expect(outcome.result).toBe('untouched');
  });

  it('are read again at app start (and init runs then for one enabled since registration)', async () => {
    process.env.AZFX_EXTENSIONS_DISABLED = 'auth';
    const { events, record } = recorder();
    configureTwo(record);
    await runInvocation();
    events.length = 0;

    process.env.AZFX_EXTENSIONS_DISABLED = 'timer';
    await nativeHooks.appStart();
    await runInvocation();

    expect(events).toEqual(['auth:init', 'auth:appStart', 'auth:pre', 'auth:post']);
  });

  it('are not re-read per invocation', async () => {
    const { events, record } = recorder();
    configureTwo(record);
    process.env.AZFX_EXTENSIONS_DISABLED = '*';

    await runInvocation();

    expect(events.filter((event) => event.endsWith(':pre'))).toEqual(['timer:pre', 'auth:pre']);
  });
});
