import { afterEach, describe, expect, it } from 'vitest';
import { applyEnvironment } from './applyEnvironment.js';

const names = ['AZFX_T_SET', 'AZFX_T_FROM_SETTINGS', 'AZFX_T_EXPLICIT', 'AZFX_T_DEFAULT', 'AZFX_T_REMOVED', 'AZFX_T_EMPTY', 'AZFX_T_EMPTY_DEFAULT'];

afterEach(() => {
  for (const name of names) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- test variables
    delete process.env[name];
  }
});

describe('applyEnvironment', () => {
  it('lets variables already set win over settings, lets explicit env win over both, and restores everything', () => {
    process.env.AZFX_T_SET = 'shell';
    process.env.AZFX_T_REMOVED = 'was here';
    const { restore } = applyEnvironment(
      { AZFX_T_SET: 'settings', AZFX_T_FROM_SETTINGS: 'settings', AZFX_T_EXPLICIT: 'settings' },
      { AZFX_T_EXPLICIT: 'explicit', AZFX_T_REMOVED: undefined },
      { AZFX_T_DEFAULT: 'default', AZFX_T_FROM_SETTINGS: 'default' },
    );
    expect(process.env.AZFX_T_SET).toBe('shell');
    expect(process.env.AZFX_T_FROM_SETTINGS).toBe('settings');
    expect(process.env.AZFX_T_EXPLICIT).toBe('explicit');
    expect(process.env.AZFX_T_DEFAULT).toBe('default');
    expect(process.env.AZFX_T_REMOVED).toBeUndefined();

    restore();
    expect(process.env.AZFX_T_SET).toBe('shell');
    expect(process.env.AZFX_T_REMOVED).toBe('was here');
    for (const name of ['AZFX_T_FROM_SETTINGS', 'AZFX_T_EXPLICIT', 'AZFX_T_DEFAULT']) {
      expect(process.env[name]).toBeUndefined();
    }
  });

  // Core Tools (StartHostAction.UpdateEnvironmentVariables) skips a setting only when string.IsNullOrEmpty says the
  // variable has a value, and warns that it did.
  it('treats a variable set to the empty string as not set, and names the settings a set variable overrides', () => {
    process.env.AZFX_T_EMPTY = '';
    process.env.AZFX_T_EMPTY_DEFAULT = '';
    process.env.AZFX_T_SET = 'shell';
    process.env.AZFX_T_EXPLICIT = 'shell';
    const { restore, skippedSettings } = applyEnvironment(
      { AZFX_T_EMPTY: 'settings', AZFX_T_SET: 'settings', AZFX_T_EXPLICIT: 'settings', AZFX_T_FROM_SETTINGS: '' },
      { AZFX_T_EXPLICIT: 'explicit' },
      { AZFX_T_EMPTY_DEFAULT: 'default' },
    );
    expect(process.env.AZFX_T_EMPTY).toBe('settings');
    expect(process.env.AZFX_T_EMPTY_DEFAULT).toBe('default');
    expect(process.env.AZFX_T_FROM_SETTINGS).toBe('');
    expect(skippedSettings).toEqual(['AZFX_T_SET']);

    restore();
    expect(process.env.AZFX_T_EMPTY).toBe('');
    expect(process.env.AZFX_T_EMPTY_DEFAULT).toBe('');
    expect(process.env.AZFX_T_FROM_SETTINGS).toBeUndefined();
  });
});
