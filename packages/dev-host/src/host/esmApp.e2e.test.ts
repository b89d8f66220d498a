import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';

let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('an ES module app', () => {
  it('loads ESM files and a .cjs file, under the host.json route prefix', async () => {
    host = await startHost({ appDir: fixtureDir('esm-app') });
    expect(await (await host.fetch('/v1/hello?name=ESM')).json()).toEqual({ greeting: 'Hello, ESM!', module: 'esm', hooked: true });
    expect(await (await host.fetch('/v1/legacy/bob')).text()).toBe('cjs says bob');
    expect(await (await host.fetch('/v1/legacy')).text()).toBe('cjs says nothing');
    expect((await host.fetch('/api/hello')).status).toBe(404);
  });

  it('is fresh after close and start in one process: module state, registrations and app.setup()', async () => {
    const counts: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      host = await startHost({ appDir: fixtureDir('esm-app') });
      await host.fetch('/v1/count', { method: 'POST' });
      counts.push(await (await host.fetch('/v1/count', { method: 'POST' })).json());
      expect(host.functions.map((fn) => fn.name)).toEqual(['hello', 'count', 'legacy']);
      await host.close();
      host = undefined;
    }
    expect(counts).toEqual([{ count: 2 }, { count: 2 }, { count: 2 }]);
  });
});
