import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppFunction } from './appFunctions.js';
import { defineExtension } from './defineExtension.js';
import { ExtensionConfigurationError } from './errors.js';
import { FakeCoreApi } from './test-support/fakeCoreApi.js';
import { libraries } from './test-support/installAppWithLibrary.js';
import { resetExtensions } from './testing/resetExtensions.js';

// The app's functions as the SDK learns them: the real @azure/functions (the catalog's and the lowest, 4.1.0)
// registering through a core API served as the worker serves its own (a plain object, required by name). Each
// library copy keeps the first core API it finds for good, so each is loaded once, by its own describe.
// Through the dev host (which freezes its core API): appFunctions.app.test.ts.

type Library = typeof import('@azure/functions');
const requireHere = createRequire(import.meta.url);

afterEach(() => {
  resetExtensions();
  vi.restoreAllMocks();
});

function quietConsole(): { warnings: () => string[]; infos: () => string[] } {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
  const lines = (spy: typeof warn) => spy.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[azfx]'));
  return { warnings: () => lines(warn), infos: () => lines(info) };
}

async function startApp(core: FakeCoreApi): Promise<void> {
  for (const hook of core.hooks.appStart) await hook({ hookData: {}, functionAppDirectory: '.' });
}

describe.each([
  ['the catalog', libraries.current],
  ['the lowest', libraries.lowest],
])('an app on %s @azure/functions, with the SDK loaded before its functions', (_name, libraryDir) => {
  it('hands appStart the functions, warns about a misspelt scope with the closest name, and fails the start when strict', async () => {
    const core = new FakeCoreApi().install();
    try {
      const console = quietConsole();
      let seen: readonly AppFunction[] | undefined;
      defineExtension({
        name: 'inventory',
        appStart(ctx) {
          seen = ctx.functions;
        },
      }).configure();
      const Guard = defineExtension({ name: 'guard', preInvocation: () => undefined });
      Guard.configure({}, { scope: { functions: ['secrte', 'Nightly'] } });

      const { app } = requireHere(libraryDir) as Library;
      app.http('secret', { methods: ['GET', 'POST'], route: 'vault/{id}', handler: () => ({ body: 'ok' }) });
      app.get('hello', () => ({ body: 'hi' }));
      app.timer('nightly', { schedule: '0 0 3 * * *', handler: () => undefined });

      expect(core.functions.map((fn) => (fn.metadata as { name: string }).name)).toEqual(['secret', 'hello', 'nightly']);
      await startApp(core);
      expect(seen).toEqual([
        { name: 'secret', triggerType: 'httpTrigger', methods: ['GET', 'POST'], route: 'vault/{id}' },
        { name: 'hello', triggerType: 'httpTrigger', methods: ['GET'], route: undefined },
        { name: 'nightly', triggerType: 'timerTrigger' },
      ]);
      expect(console.warnings()).toEqual([
        '[azfx] Extension "guard": scope names function "secrte", which the app does not have, so the extension never runs for it. Did you mean "secret"? Functions: secret, hello, nightly.',
      ]);

      Guard.configure({}, { scope: { functions: ['secrte'] }, strictScope: true });
      const failed = startApp(core);
      await expect(failed).rejects.toBeInstanceOf(ExtensionConfigurationError);
      await expect(failed).rejects.toThrow(/"secrte", which the app does not have.*Did you mean "secret"\?.*\nThe app does not start: this extension was configured with strictScope: true\./s);

      Guard.configure({}, { scope: { functions: 'SECRET' }, strictScope: true });
      await expect(startApp(core)).resolves.toBeUndefined();
    } finally {
      core.remove();
    }
  });
});

describe('an app whose functions the SDK cannot all have seen', () => {
  it('never warns, gives appStart no list, and says that scopes were not checked only when strictScope asked for it', async () => {
    const core = new FakeCoreApi().install();
    try {
      const console = quietConsole();
      // As the library does before its first registration: the SDK, configured only now, missed this one.
      core.api.setProgrammingModel({ name: '@azure/functions', version: '4.5.0' });
      core.api.registerFunction({ name: 'secret', bindings: { req: { type: 'httpTrigger', direction: 'in' } } }, () => undefined);
      let seen: unknown = 'not called';
      const Inventory = defineExtension({
        name: 'inventory',
        appStart(ctx) {
          seen = ctx.functions;
        },
      }).configure({}, { scope: { functions: 'elsewhere' }, strictScope: true });

      await startApp(core);
      expect(seen).toBeUndefined();
      expect(console.warnings()).toEqual([]);
      expect(console.infos().filter((line) => line.includes('not checked'))).toEqual([
        "[azfx] strictScope: scopes that name functions were not checked against the app's functions: functions were registered before the extension SDK was loaded.",
      ]);

      // Without strictScope nobody asked for the check: nothing is said.
      Inventory.configure({}, { scope: { functions: 'elsewhere' } });
      await startApp(core);
      expect(console.infos().filter((line) => line.includes('not checked'))).toHaveLength(1);
      expect(console.warnings()).toEqual([]);
    } finally {
      core.remove();
    }
  });

  it('refuses a strictScope that is not a boolean, naming the extension and the fix', () => {
    const Ext = defineExtension({ name: 'guard', preInvocation: () => undefined });
    expect(() => Ext.configure({}, { strictScope: 'yes' as unknown as boolean })).toThrow(
      'Extension "guard": strictScope must be true or false, but got "yes" (string). Pass strictScope: true to make a scope that names a function the app does not have fail the app\'s start.',
    );
    expect(() => Ext.configure({}, { strictScopes: true } as never)).toThrow(/takes only "scope" and "strictScope", but got "strictScopes"\. Did you mean "strictScope"\?/);
  });
});
