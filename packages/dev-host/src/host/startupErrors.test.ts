import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostStartupError, startHost } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { startupErrorCases } from '../test-support/startupErrorCases.js';

async function startupError(appDir: string, options: Partial<Parameters<typeof startHost>[0]> = {}): Promise<HostStartupError> {
  const outcome = await startHost({ appDir, ...options }).then(
    async (host) => {
      await host.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(HostStartupError);
  return outcome as HostStartupError;
}


describe('start-up errors', () => {
  it.each(startupErrorCases)('%s: rejects with a message that says what to fix', async (fixture, message) => {
    const error = await startupError(fixtureDir(path.join('startup-errors', fixture)));
    expect(error.message).toMatch(message);
  });

  it('leaves nothing behind after a failed start: the next app starts', async () => {
    await startupError(fixtureDir('startup-errors/appstart-throws'));
    const host = await startHost({ appDir: fixtureDir('esm-app') });
    expect((await host.fetch('/v1/hello')).status).toBe(200);
    await host.close();
  });

  it('explains a missing package.json', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'azfx-empty-'));
    try {
      expect((await startupError(empty)).message).toMatch(/No package\.json in/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('explains a port that is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      expect((await startupError(fixtureDir('esm-app'), { port })).message).toMatch(new RegExp(`Port ${port} is already in use.*--port`));
    } finally {
      blocker.close();
    }
  });

  it('explains invalid options', async () => {
    expect((await startupError(fixtureDir('esm-app'), { port: 70000 })).message).toMatch(/port must be an integer from 0 to 65535/);
    expect((await startupError(fixtureDir('esm-app'), { maxBodyBytes: -1 })).message).toMatch(/maxBodyBytes must be a positive number/);
  });

  it('warns loudly when listening beyond this machine', async () => {
    const host = await startHost({ appDir: fixtureDir('esm-app'), hostname: '0.0.0.0' });
    try {
      expect(host.logs).toContainEqual(expect.objectContaining({ level: 'warning', message: expect.stringContaining('listening on 0.0.0.0, not on this machine only') as unknown }));
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await host.close();
    }
  });
});
