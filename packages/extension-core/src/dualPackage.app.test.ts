import { startHost } from '@azfx/dev-host';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installFixtureApp } from './test-support/fixtureApp.js';

// The dual-package hazard: an app (or two extension packages) loading the SDK both as an ES module and as
// CommonJS gets two copies of it, which must share one registry (src/sharing.ts). Two registries would mean two
// pairs of native hooks, two start-up lines, and an extension loaded both ways running twice. This runs the
// package's build; sdkCopies.app.test.ts covers other versions and forks.

describe('an app that imports the SDK in one file and requires it in another, on the dev host', () => {
  const app = installFixtureApp('dual-app');
  // App-phase lines go to console; the app runs in this process.
  const consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const linesOf = (spy: typeof consoleInfo, prefix: string): string[] =>
    spy.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith(prefix));
  afterAll(() => {
    consoleInfo.mockRestore();
    consoleWarn.mockRestore();
    app.remove();
  });

  // Twice in one process: the second start reloads the app and the SDK afresh, as tests and --watch do.
  it.each([1, 2])('start %i: one registry, one pair of native hooks, each extension once', async () => {
    consoleInfo.mockClear();
    consoleWarn.mockClear();
    const host = await startHost({ appDir: app.dir });
    try {
      const res = await host.fetch('/api/hello');

      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello');
      expect(res.headers.get('x-steps')).toBe('steps:pre,steps:around,steps:post');
      expect(res.headers.get('x-inner')).toBe('inner:pre,inner:post');
      expect(res.headers.get('x-duplicate')).toBeNull();
      expect(linesOf(consoleInfo, '[azfx] Extensions:')).toEqual(['[azfx] Extensions: steps (app), inner (app); disabled: none']);
      expect(linesOf(consoleWarn, '[azfx]')).toEqual([
        expect.stringContaining('Extension "steps" is already registered by another definition with the same name'),
      ]);
      expect((globalThis as { dualAppRegistered?: unknown }).dualAppRegistered).toEqual(['steps', 'inner']);
      const hookRuns = host.logs.map((log) => log.message).filter((message) => /^Executing \d+ "preInvocation" hooks$/.test(message));
      expect(hookRuns).toEqual(['Executing 1 "preInvocation" hooks']);
    } finally {
      await host.close();
    }
  });
});
