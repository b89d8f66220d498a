import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { waitFor } from '../test-support/waitFor.js';

interface AppEvent {
  kind: string;
  [key: string]: unknown;
}

describe('the admin endpoint that runs a function by hand', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  const run = (name: string, body?: string, method = 'POST'): Promise<Response> =>
    host.fetch(`/admin/functions/${name}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });

  async function eventsOfKind(kind: string): Promise<AppEvent[]> {
    const events = (await (await host.fetch('/api/events')).json()) as AppEvent[];
    return events.filter((event) => event.kind === kind);
  }

  it('answers 202 at once and runs a timer in the background with its TimerInfo', async () => {
    const res = await run('tick', '{}');
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const ticks = await waitFor('the manual tick', async () => {
      const seen = await eventsOfKind('tick');
      return seen.length > 0 ? seen : undefined;
    });
    expect(ticks).toEqual([{ kind: 'tick', isPastDue: false, functionName: 'tick' }]);
  });

  it('passes the input string to other triggers (the library parses JSON)', async () => {
    expect((await run('queueWork', JSON.stringify({ input: '{"job":7}' }))).status).toBe(202);
    expect((await run('QUEUEWORK', JSON.stringify({ input: 'plain text' }))).status).toBe(202);
    const handled = await waitFor('two queue runs', async () => {
      const seen = await eventsOfKind('queueWork');
      return seen.length >= 2 ? seen : undefined;
    });
    expect(handled.map((event) => event.message)).toEqual([{ job: 7 }, 'plain text']);
  });

  it.each([
    ['no body', undefined, /no body/],
    ['invalid JSON', '{"input":', /not valid JSON/],
    ['a JSON array', '["x"]', /must be a JSON object/],
    ['an object input', '{"input":{"a":1}}', /"input" must be a string/],
  ])('answers 400 for %s', async (_name, body, message) => {
    const res = await run('queueWork', body);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
  });

  it('answers 404 for an unknown function and 400 for an HTTP function', async () => {
    const unknown = await run('noSuchFunction', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('');
    const http = await run('hello', '{}');
    expect(http.status).toBe(400);
    expect(await http.text()).toContain('/api/hello');
  });

  it('answers 405 for other methods and 404 for other admin paths', async () => {
    expect((await run('tick', undefined, 'GET')).status).toBe(405);
    expect((await host.fetch('/admin/unknown')).status).toBe(404);
  });

  it('reports the host status', async () => {
    const res = await host.fetch('/admin/host/status');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'Running' });
  });
});
