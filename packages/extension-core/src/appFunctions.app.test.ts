import { startHost } from '@azfx/dev-host';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { installAppWithLibrary, libraries } from './test-support/installAppWithLibrary.js';

// Through the dev host, whose core API is a plain object as the worker's is, the SDK learns the app's functions by
// watching registerFunction (appFunctions.ts): appStart hooks receive them, and a scope naming a function the app
// does not have ('secrte' for 'secret') is a warning with "did you mean", or, with strictScope, a failed start-up.
// appFunctions.test.ts covers the rules on their own, including the cases where the SDK must stay silent.

describe.each([
  ['the current @azure/functions', libraries.current],
  ['@azure/functions 4.1.0', libraries.lowest],
])('an app whose scope misspells a function, on the dev host, with %s', (_name, libraryDir) => {
  const app = installAppWithLibrary('scopes-app', libraryDir);
  afterAll(() => {
    app.remove();
  });
  afterEach(() => {
    delete process.env.SCOPES_APP_STRICT;
    delete (globalThis as { scopesAppFunctions?: unknown }).scopesAppFunctions;
    vi.restoreAllMocks();
  });

  it('starts, serves every function, gives appStart the functions, and warns once with "did you mean"', async () => {
    // App-phase lines go to console; the app runs in this process.
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const host = await startHost({ appDir: app.dir });
    try {
      const res = await host.fetch('/api/vault');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
      expect(res.headers.get('x-guarded')).toBe('yes');
      const warnings = consoleWarn.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[azfx]'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Extension "guard": scope names function "secrte", which the app does not have');
      expect(warnings[0]).toContain('Did you mean "secret"?');
      const functions = (globalThis as { scopesAppFunctions?: { name: string; triggerType: string }[] }).scopesAppFunctions;
      expect(functions?.map((fn) => [fn.name, fn.triggerType])).toEqual([
        ['secret', 'httpTrigger'],
        ['nightly', 'timerTrigger'],
      ]);
    } finally {
      await host.close();
    }
  });

  it('refuses to start with strictScope, naming the extension, the name and the fix', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    process.env.SCOPES_APP_STRICT = 'true';
    await expect(startHost({ appDir: app.dir })).rejects.toThrow(/scope names function "secrte"[\s\S]*strictScope/);
  });
});
