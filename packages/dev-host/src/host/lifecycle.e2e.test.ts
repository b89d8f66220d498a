import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HostStartupError, startHost, type Host } from '../index.js';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';
import { waitFor } from '../test-support/waitFor.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'azfx-lifecycle-'));
const open: Host[] = [];

async function start(options: Partial<Parameters<typeof startHost>[0]> = {}): Promise<Host> {
  const host = await startHost({ appDir: fixtureDir('cjs-app'), ...options });
  open.push(host);
  return host;
}

/** Waits until the host has started running `functionName` (its Executing line is in the logs). */
function runningNow(host: Host, functionName: string): Promise<true> {
  return waitFor(`${functionName} to run`, () => (host.logs.some((log) => log.message.startsWith(`Executing 'Functions.${functionName}'`)) ? true : undefined));
}

async function readSetting(host: Host, name: string): Promise<unknown> {
  return ((await (await host.fetch(`/api/env?name=${name}`)).json()) as { value: unknown }).value;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((host) => host.close()));
  delete process.env.GREETING;
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('host lifecycle', () => {
  it('lets running invocations finish on close, then runs appTerminate hooks', async () => {
    const marker = path.join(scratch, 'terminated.txt');
    const host = await start({ env: { TERMINATE_MARKER_FILE: marker } });
    const slow = host.fetch('/api/slow?ms=300');
    await runningNow(host, 'slow');
    const closing = host.close();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('slept 300');
    await closing;
    // The hook wrote every event it had seen: the slow invocation had finished, and appStart's hookData survived.
    const events = JSON.parse(readFileSync(marker, 'utf8')) as { kind: string; functionName?: string }[];
    expect(events.at(-1)).toEqual({ kind: 'appTerminate', startHookDataSurvived: true });
    expect(events.findIndex((event) => event.kind === 'post' && event.functionName === 'slow')).toBeGreaterThan(0);
    await expect(fetch(`${host.url}/api/hello`)).rejects.toThrow();
    expect(process.env.TERMINATE_MARKER_FILE).toBeUndefined();
  });

  it('stops waiting for a stuck invocation after the shutdown timeout, counting each request once', async () => {
    const host = await start({ shutdownTimeoutMs: 200 });
    void host.fetch('/api/slow?ms=5000').catch(() => undefined);
    await runningNow(host, 'slow');
    await host.close();
    const warnings = host.logs.filter((log) => log.level === 'warning' && log.message.includes('still running after 200 ms'));
    expect(warnings.map((log) => log.message)).toEqual(['1 request(s) or invocation(s) still running after 200 ms (1 HTTP request(s), 0 other invocation(s)); stopping without them.']);
  });

  it('starts, closes and starts the same app again in one process, fresh each time', async () => {
    const first = await start();
    await first.fetch('/api/hello');
    await first.close();
    const second = await start();
    const events = (await (await second.fetch('/api/events')).json()) as { kind: string }[];
    expect(events.filter((event) => event.kind === 'appStart')).toHaveLength(1);
    expect(events.some((event) => event.kind === 'pre' && (event as { functionName?: string }).functionName === 'hello')).toBe(false);
  });

  it('runs one app per process at a time', async () => {
    await start();
    const error = await startHost({ appDir: fixtureDir('esm-app') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostStartupError);
    expect((error as Error).message).toMatch(/already running .*cjs-app.*Close it first/);
  });

  it('applies local.settings.json Values, lets existing variables and then `env` win, and restores them', async () => {
    const fromSettings = await start();
    expect(await (await fromSettings.fetch('/api/hello?name=A')).text()).toBe('Hello, A!');
    expect(await readSetting(fromSettings, 'AZURE_FUNCTIONS_ENVIRONMENT')).toBe('Development');
    expect(await readSetting(fromSettings, 'WEBSITE_HOSTNAME')).toBe(`localhost:${new URL(fromSettings.url).port}`);
    await fromSettings.close();
    expect(process.env.GREETING).toBeUndefined();

    process.env.GREETING = 'Hi';
    const fromProcess = await start();
    expect(await (await fromProcess.fetch('/api/hello?name=B')).text()).toBe('Hi, B!');
    expect(fromProcess.logs).toContainEqual(
      expect.objectContaining({ level: 'warning', message: "Skipping 'GREETING' from local settings as it's already defined in current environment variables." }),
    );
    await fromProcess.close();

    const explicit = await start({ env: { GREETING: 'Howdy' } });
    expect(await (await explicit.fetch('/api/hello?name=C')).text()).toBe('Howdy, C!');
    await explicit.close();
    expect(process.env.GREETING).toBe('Hi');
  });

  it('treats a variable set to the empty string as not set, as Core Tools does: the setting applies', async () => {
    process.env.GREETING = '';
    const host = await start();
    expect(await (await host.fetch('/api/hello?name=E')).text()).toBe('Hello, E!');
    expect(host.logs.some((log) => log.message.includes("Skipping 'GREETING'"))).toBe(false);
    await host.close();
    expect(process.env.GREETING).toBe('');
  });

  it('runs in Development even when local.settings.json says otherwise, with a warning, as Core Tools does', async () => {
    const app = copyFixture('cjs-app');
    try {
      const settingsFile = path.join(app.dir, 'local.settings.json');
      const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { Values: Record<string, string> };
      settings.Values.AZURE_FUNCTIONS_ENVIRONMENT = 'Staging';
      writeFileSync(settingsFile, JSON.stringify(settings));
      const host = await start({ appDir: app.dir });
      expect(await readSetting(host, 'AZURE_FUNCTIONS_ENVIRONMENT')).toBe('Development');
      expect(host.logs).toContainEqual(
        expect.objectContaining({ level: 'warning', message: "AZURE_FUNCTIONS_ENVIRONMENT already exists with value 'Staging', overriding to 'Development'." }),
      );
      await host.close();
    } finally {
      app.remove();
    }
  });

  it('invokes any function in-process through the full sequence', async () => {
    const host = await start();
    const queued = await host.invoke('queueWork', { input: { job: 1 }, triggerMetadata: { dequeueCount: 2 } });
    expect(queued).toMatchObject({ failed: false, result: 'handled {"job":1}' });
    expect(queued.logs.map((log) => log.message)).toContain('logged from a post hook');
    expect(queued.logs.every((log) => log.invocationId === queued.invocationId)).toBe(true);

    const http = await host.invoke('hello', { input: { url: '/api/hello?name=Invoke' } });
    expect(http).toMatchObject({ failed: false, result: { body: 'Hello, Invoke!' } });

    const posted = await host.invoke('hello', { input: { method: 'POST', body: 'Body' } });
    expect(posted.result).toEqual({ body: 'Hello, Body!' });

    const failed = await host.invoke('boom');
    expect(failed.failed).toBe(true);
    expect((failed.error as Error).message).toBe('handler exploded with a secret stack');

    const timer = await host.invoke('tick');
    expect(timer.failed).toBe(false);

    const fanned = await host.invoke('fanOut', { input: 'work item' });
    expect(fanned.outputs).toEqual({ nextQueue: [{ forwarded: 'work item' }] });

    await expect(host.invoke('nope')).rejects.toThrow(/no function named "nope".*hello/);
  });

  it('gives a usable URL when told to listen on localhost, whichever address family that is', async () => {
    const host = await start({ hostname: 'localhost' });
    expect(host.url).toMatch(/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/);
    expect((await host.fetch('/api/hello')).status).toBe(200);
    expect(host.logs.some((log) => log.level === 'warning' && log.message.includes('not on this machine only'))).toBe(false);
  });

  it('reports the URL it listens on and the functions it serves', async () => {
    const host = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.functions.find((fn) => fn.name === 'tick')).toEqual({ name: 'tick', triggerType: 'timerTrigger' });
  });
});
