import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { waitFor } from '../test-support/waitFor.js';

interface AppEvent {
  kind: string;
  functionName?: string;
  [key: string]: unknown;
}

describe('hooks in a running app', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  async function events(): Promise<AppEvent[]> {
    return (await (await host.fetch('/api/events')).json()) as AppEvent[];
  }

  async function eventsOf(functionName: string): Promise<AppEvent[]> {
    return (await events()).filter((event) => event.functionName === functionName);
  }

  it('ran appStart before anything else, and runOnStartup timers right after start', async () => {
    const all = await waitFor('the startup timer', async () => {
      const seen = await events();
      return seen.some((event) => event.kind === 'startupTick') ? seen : undefined;
    });
    expect(all[0]).toEqual({ kind: 'appStart', hasHookData: true });
    expect(all.filter((event) => event.functionName === 'startupTick' || event.kind === 'startupTick')).toEqual([
      { kind: 'pre', functionName: 'startupTick', triggerType: 'timerTrigger' },
      { kind: 'startupTick', isPastDue: false },
      { kind: 'post', functionName: 'startupTick', sharedHookData: true, hadError: false },
    ]);
  });

  it('runs pre hooks, the handler and post hooks in order, sharing hookData', async () => {
    expect((await host.fetch('/api/hello')).status).toBe(200);
    expect(await eventsOf('hello')).toEqual([
      { kind: 'pre', functionName: 'hello', triggerType: 'httpTrigger' },
      { kind: 'post', functionName: 'hello', sharedHookData: true, hadError: false },
    ]);
  });

  it('runs post hooks with the error of a failed handler', async () => {
    expect((await host.fetch('/api/boom')).status).toBe(500);
    expect((await eventsOf('boom')).at(-1)).toEqual({ kind: 'post', functionName: 'boom', sharedHookData: true, hadError: true });
  });

  it('fails with 500 and skips the handler and post hooks when a pre hook throws', async () => {
    const res = await host.fetch('/api/preThrows');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(await eventsOf('preThrows')).toEqual([{ kind: 'pre', functionName: 'preThrows', triggerType: 'httpTrigger' }]);
  });

  it('fails with 500 when a post hook throws after the handler succeeded', async () => {
    const res = await host.fetch('/api/postThrows');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
  });

  it('lets a post hook clear the error and replace the result', async () => {
    const res = await host.fetch('/api/rescued');
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('rescued by a post hook');
  });

  it('lets a pre hook wrap the handler', async () => {
    expect(await (await host.fetch('/api/wrapped')).text()).toBe('wrapped(inner)');
  });

  it('runs log hooks on user logs, which may change their level and message', async () => {
    await host.fetch('/api/secretLog');
    const userLogs = host.logs.filter((log) => log.category === 'user' && log.functionName === 'secretLog');
    expect(userLogs).toContainEqual(expect.objectContaining({ level: 'warning', message: 'the ****** is 42', source: 'worker' }));
    expect(host.logs.some((log) => log.message.includes('secret is 42'))).toBe(false);
  });

  it('sets state so a log from a post hook is fine and a log after completion is flagged', async () => {
    await host.fetch('/api/hello');
    const warning = "Unexpected call to 'log' on the context object after function execution has completed";
    expect(host.logs.some((log) => log.functionName === 'hello' && log.message.includes(warning))).toBe(false);
    expect(host.logs.some((log) => log.message === 'logged from a post hook')).toBe(true);

    await host.fetch('/api/lateLog');
    const late = await waitFor('the late log', () =>
      host.logs.find((log) => log.functionName === 'lateLog' && log.message === 'logged after completion'),
    );
    expect(late.category).toBe('user');
    expect(host.logs.some((log) => log.functionName === 'lateLog' && log.category === 'system' && log.message.includes(warning))).toBe(true);
  });

  it('routes the library and worker system logs through the worker too', () => {
    expect(host.logs).toContainEqual(
      expect.objectContaining({ source: 'worker', category: 'system', message: expect.stringMatching(/^Setting Node\.js programming model to "@azure\/functions"/) as unknown }),
    );
    expect(host.logs).toContainEqual(expect.objectContaining({ source: 'worker', category: 'system', level: 'debug', message: 'Executing 1 "preInvocation" hooks' }));
  });
});
