import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHost, type Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installAppWithSdkCopies, type SdkCopySpec } from './test-support/installSdkCopies.js';

// Copies of the SDK in one app share one registry (src/sharing.ts): the ES module and CommonJS builds, two versions
// installed side by side, a renamed fork. Copies with another protocol each keep their own, and start-up says so.
// These run the package's build.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the built package in plain Node', () => {
  it('shares one registry between its ES module and CommonJS builds, for the main entry and /testing', () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/package.json');
      const esm = await import('@azfx/extension-core');
      const cjs = require('@azfx/extension-core');
      const cjsTesting = require('@azfx/extension-core/testing');
      esm.defineExtension({ name: 'fromEsm', postInvocation(ctx) { ctx.result = 'esm:' + ctx.result; } }).configure();
      const outcome = await cjsTesting.runInvocation({ handler: () => 'handled' });
      console.log(JSON.stringify({
        twoCopies: esm.defineExtension !== cjs.defineExtension,
        listedByCjs: cjs.listExtensions().map((info) => info.name),
        result: outcome.result,
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    expect(JSON.parse(output)).toEqual({ twoCopies: true, listedByCjs: ['fromEsm'], result: 'esm:handled' });
  });
});

describe('looking for the worker core API', () => {
  it('never puts @azure/functions in test mode: a host that provides the core API later still gets every registration', () => {
    const script = `
      const Module = require('node:module');
      const sdk = require('@azfx/extension-core');
      // No worker yet: the SDK looks for the core API, finds none, and registers nothing.
      sdk.defineExtension({ name: 'early', preInvocation() {} }).configure();
      // Now a host provides it, as the worker does, by wrapping require.
      const registered = [];
      const core = {
        registerHook: (name) => { registered.push(name); return { dispose() {} }; },
        registerFunction: (metadata) => { registered.push('function ' + metadata.name); return { dispose() {} }; },
        setProgrammingModel() {}, getProgrammingModel() {}, log() {}, version: '3.10.1', hostVersion: '4.1040.0',
      };
      const original = Module.prototype.require;
      Module.prototype.require = function (id) { return id === '@azure/functions-core' ? core : original.call(this, id); };
      const { app } = require('@azure/functions');
      app.hook.appStart(() => {});
      app.http('hello', { handler: () => ({}) });
      sdk.defineExtension({ name: 'late', preInvocation() {} }).configure();
      console.log(JSON.stringify(registered));
    `;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    // The library's own registrations land, so it was never in test mode; then the SDK's one pre, post and appStart.
    expect(JSON.parse(output)).toEqual(['appStart', 'function hello', 'preInvocation', 'postInvocation', 'appStart']);
  });
});

const appCopy: SdkCopySpec = { at: 'node_modules/@azfx/extension-core', name: '@azfx/extension-core', version: '0.1.0' };
const otherVersion: SdkCopySpec = {
  at: 'node_modules/other-extension/node_modules/@azfx/extension-core',
  name: '@azfx/extension-core',
  version: '0.2.0',
};
const fork: SdkCopySpec = { at: 'node_modules/@someone-else/extension-core', name: '@someone-else/extension-core', version: '0.1.0' };

// App-phase lines go to console; the app runs in this process.
const consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
const linesOf = (spy: typeof consoleInfo, prefix: string): string[] =>
  spy.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith(prefix));
afterAll(() => {
  consoleInfo.mockRestore();
  consoleWarn.mockRestore();
});

async function startApp(copies: readonly SdkCopySpec[]): Promise<{ host: Host; close: () => Promise<void> }> {
  const app = installAppWithSdkCopies('copies-app', copies);
  consoleInfo.mockClear();
  consoleWarn.mockClear();
  const host = await startHost({ appDir: app.dir });
  return {
    host,
    close: async () => {
      await host.close();
      app.remove();
    },
  };
}

const hookRuns = (host: Host): string[] =>
  host.logs.map((log) => log.message).filter((message) => /^Executing \d+ "preInvocation" hooks$/.test(message));

describe('an app with two versions and a renamed fork of the SDK, on the dev host', () => {
  let host: Host;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ host, close } = await startApp([appCopy, otherVersion, fork]));
  });
  afterAll(async () => {
    await close();
  });

  it('has one registry: one start-up line, in one order, and every copy lists every extension', () => {
    expect(linesOf(consoleInfo, '[azfx] Extensions:')).toEqual(['[azfx] Extensions: outer (app), middle (app), inner (app); disabled: none']);
    expect(linesOf(consoleWarn, '[azfx]')).toEqual([]);
    expect((globalThis as { copiesAppRegistered?: () => unknown }).copiesAppRegistered?.()).toEqual(['outer', 'middle', 'inner']);
  });

  it('runs one onion from one pair of native hooks', async () => {
    const res = await host.fetch('/api/hello');

    expect(res.status).toBe(200);
    expect(res.headers.get('x-steps')).toBe('outer:pre,middle:pre,inner:pre,handler,inner:post,middle:post,outer:post');
    expect(hookRuns(host).at(-1)).toBe('Executing 1 "preInvocation" hooks');
  });

  it('short-circuits once: an extension of one copy answers, and only the outer ones of every copy finish', async () => {
    const res = await host.fetch('/api/hello', { headers: { 'x-deny': 'middle' } });

    expect(res.status).toBe(401);
    expect(await res.text()).toBe('denied by middle');
    expect(res.headers.get('x-steps')).toBe('outer:pre,middle:pre,middle:post,outer:post (short-circuited)');
  });

  it('has one disable switch', async () => {
    await close();
    process.env.AZFX_EXTENSIONS_DISABLED = 'middle';
    try {
      ({ host, close } = await startApp([appCopy, otherVersion, fork]));
    } finally {
      delete process.env.AZFX_EXTENSIONS_DISABLED;
    }
    const res = await host.fetch('/api/hello', { headers: { 'x-deny': 'middle' } });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-steps')).toBe('outer:pre,inner:pre,handler,inner:post,outer:post');
    expect(linesOf(consoleInfo, '[azfx] Extensions:')).toEqual([
      '[azfx] Extensions: outer (app), middle (app), inner (app); disabled: middle',
    ]);
  });
});

describe('an app with a copy of the SDK of another protocol, on the dev host', () => {
  let host: Host;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ host, close } = await startApp([appCopy, otherVersion, { ...fork, version: '9.0.0', protocol: 999 }]));
  });
  afterAll(async () => {
    await close();
  });

  it('says so at start-up in one line naming both; each copy keeps its own registry and start-up line', () => {
    expect(linesOf(consoleWarn, '[azfx]')).toEqual([
      '[azfx] Copies of the extension SDK that cannot share one registry are loaded: ' +
        '@azfx/extension-core@0.1.0 (protocol 1) and @someone-else/extension-core@9.0.0 (protocol 999). ' +
        'Each runs its own extensions, with its own order and start-up line; install versions with the same protocol to get one onion.',
    ]);
    expect(linesOf(consoleInfo, '[azfx] Extensions:').sort()).toEqual([
      '[azfx] Extensions: middle (app); disabled: none',
      '[azfx] Extensions: outer (app), inner (app); disabled: none',
    ]);
    expect((globalThis as { copiesAppRegistered?: () => unknown }).copiesAppRegistered?.()).toEqual(['middle']);
  });

  it('still runs every extension: each copy its own onion, one after the other', async () => {
    const res = await host.fetch('/api/hello');

    expect(res.status).toBe(200);
    // The first registry's post hook (which writes the header) runs before the second registry's.
    // The fork's registry hooked in second (the ES module with `inner` loads last but joins the first registry):
    // the first registry's post hook, which writes the header, runs before the fork's.
    expect(res.headers.get('x-steps')).toBe('outer:pre,inner:pre,middle:pre,handler,inner:post,outer:post');
    expect(hookRuns(host).at(-1)).toBe('Executing 2 "preInvocation" hooks');
  });
});
