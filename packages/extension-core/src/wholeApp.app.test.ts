import { startHost, type Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installFixtureApp } from './test-support/fixtureApp.js';

// The fixture imports '@azfx/extension-core' by name, so this runs the package's build, in a real app on the dev
// host (the library's own worker sequence, not runInvocation).
const app = installFixtureApp('app');
const appDir = app.dir;
// App-phase lines go to console (there is no app-level logger in @azure/functions v4); the app runs in this
// process, so the start-up line is read from there.
const consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
const startupLines = (): string[] =>
  consoleInfo.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[azfx] Extensions:'));
afterAll(() => {
  consoleInfo.mockRestore();
  app.remove();
});

describe('a whole app with extensions, on the dev host', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir });
  });
  afterAll(async () => {
    await host.close();
  });

  it('logs the start-up line with the extensions and their scopes', () => {
    expect(startupLines()).toContain('[azfx] Extensions: trace (app), broken (app), auth (function: secret); disabled: none');
  });

  it('runs the onion around the handler, inside its async context, and isolates a broken extension', async () => {
    const res = await host.fetch('/api/hello');

    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^hello from tag-[\w-]+$/);
    expect(res.headers.get('x-steps')).toBe('trace:pre,trace:around,trace:post');
    const faults = host.logs.filter((log) => log.message.includes('Extension "broken" failed in postInvocation'));
    expect(faults.at(-1)).toMatchObject({ level: 'error', functionName: 'hello' });
    expect(faults.at(-1)?.message).toMatch(/for function "hello" \(invocation [\w-]+\): Error: broken on purpose/);
  });

  it('short-circuits in a function-scope extension; the outer extension still finishes', async () => {
    const denied = await host.fetch('/api/secret');
    expect(denied.status).toBe(401);
    expect(await denied.text()).toBe('no key');
    expect(denied.headers.get('x-steps')).toBe('trace:pre,trace:post (short-circuited)');

    const allowed = await host.fetch('/api/secret', { headers: { 'x-key': 'open-sesame' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe('the secret');
  });

  it('leaves a failed invocation failed (500, empty body)', async () => {
    const res = await host.fetch('/api/boom');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
  });
});

describe('AZFX_EXTENSIONS_DISABLED in a whole app', () => {
  it('switches extensions off by name', async () => {
    const host = await startHost({ appDir, env: { AZFX_EXTENSIONS_DISABLED: 'trace, AUTH' } });
    try {
      const res = await host.fetch('/api/secret');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-steps')).toBeNull();
      expect(startupLines()).toContain(
        '[azfx] Extensions: trace (app), broken (app), auth (function: secret); disabled: trace, auth',
      );
    } finally {
      await host.close();
    }
  });
});
