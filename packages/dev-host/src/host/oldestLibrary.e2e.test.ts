import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { copyFixture } from '../test-support/fixtures.js';

// The oldest library the peer range allows (4.1.0, the first with hooks) is installed for extension-core's tests
// under the alias azure-functions-4.1.0; the app copy below gets it as its own @azure/functions.
const extensionCore = fileURLToPath(new URL('../../../extension-core/package.json', import.meta.url));
function oldestLibraryDir(): string | undefined {
  try {
    return path.dirname(realpathSync(createRequire(extensionCore).resolve('azure-functions-4.1.0/package.json')));
  } catch {
    return undefined;
  }
}
const libraryDir = oldestLibraryDir();

describe.runIf(libraryDir !== undefined)('an app on @azure/functions 4.1.0', () => {
  let host: Host;
  let remove: () => void = () => undefined;

  beforeAll(async () => {
    const app = copyFixture('oldest-library-app');
    remove = app.remove;
    // Replace the linked node_modules with one that holds only the old library.
    rmSync(path.join(app.dir, 'node_modules'));
    const scoped = path.join(app.dir, 'node_modules', '@azure');
    mkdirSync(scoped, { recursive: true });
    symlinkSync(libraryDir ?? '', path.join(scoped, 'functions'), 'dir');
    expect(existsSync(path.join(scoped, 'functions', 'package.json'))).toBe(true);
    host = await startHost({ appDir: app.dir });
  });

  afterAll(async () => {
    await (host as Host | undefined)?.close();
    remove();
  });

  it('serves HTTP with routes, query, cookies and hooks', async () => {
    const response = await host.fetch('/api/about/x?q=1');
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual(['old=library; path=/']);
    // 'post:about' is there because the result is converted after the post hooks ran, as in the worker.
    expect(await response.json()).toEqual({ version: '4.1.0', part: 'x', query: '1', seen: ['appStart', 'pre:about', 'post:about'] });
  });

  it('answers 500 with an empty body on failure', async () => {
    const response = await host.fetch('/api/fails');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
  });

  it('runs a timer with its TimerInfo', async () => {
    expect((await host.invoke('oldTimer')).failed).toBe(false);
    const { seen } = (await (await host.fetch('/api/about')).json()) as { seen: string[] };
    expect(seen).toContain('timer:false');
  });
});
