import { startHost } from '@azfx/dev-host';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installAppWithLibrary, libraries } from './test-support/installAppWithLibrary.js';

// On the dev host, whose core API is a frozen object, the SDK cannot watch registerFunction: it must neither break
// registration nor judge a scope against a list it knows is not the app's (appFunctions.ts). The app's scope names
// a function it does not have, with strictScope on: the app still starts, every function works, nothing is warned
// about, and the start-up says once that the check was skipped. appFunctions.test.ts covers the check itself, on a
// core API that can be watched, as the worker's can.

describe.each([
  ['the current @azure/functions', libraries.current],
  ['@azure/functions 4.1.0', libraries.lowest],
])('an app with a misspelt strict scope on the dev host, with %s', (_name, libraryDir) => {
  const app = installAppWithLibrary('scopes-app', libraryDir);
  afterAll(() => {
    app.remove();
  });

  it('starts, registers and serves every function, warns about nothing, and says the check was skipped', async () => {
    // App-phase lines go to console; the app runs in this process.
    const consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const linesOf = (spy: typeof consoleInfo): string[] => spy.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[azfx]'));
    const host = await startHost({ appDir: app.dir });
    try {
      const res = await host.fetch('/api/vault');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
      expect(res.headers.get('x-guarded')).toBe('yes');
      expect(host.functions.map((fn) => fn.name).sort()).toEqual(['nightly', 'secret']);
      expect(linesOf(consoleWarn)).toEqual([]);
      expect(linesOf(consoleInfo).filter((line) => line.includes('not checked'))).toEqual([
        "[azfx] strictScope: scopes that name functions were not checked against the app's functions: the core API's registerFunction cannot be watched.",
      ]);
      expect((globalThis as { scopesAppFunctions?: unknown }).scopesAppFunctions).toBeUndefined();
    } finally {
      await host.close();
      consoleInfo.mockRestore();
      consoleWarn.mockRestore();
    }
  });
});
