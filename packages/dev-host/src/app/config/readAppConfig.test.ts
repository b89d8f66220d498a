import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostStartupError } from '../HostStartupError.js';
import { readAppConfig } from './readAppConfig.js';

let appDir: string;

beforeEach(() => {
  appDir = mkdtempSync(path.join(tmpdir(), 'azfx-config-'));
});

afterEach(() => {
  rmSync(appDir, { recursive: true, force: true });
});

function write(file: string, content: unknown): void {
  writeFileSync(path.join(appDir, file), typeof content === 'string' ? content : JSON.stringify(content));
}

describe('readAppConfig', () => {
  it('reads main, type, routePrefix, settings and LocalHttpPort', async () => {
    write('package.json', { main: 'dist/*.js', type: 'module' });
    write('host.json', '{\n  // a comment\n  "version": "2.0", /* another */ "extensions": { "http": { "routePrefix": "/v2/" } }\n}');
    write('local.settings.json', { IsEncrypted: false, Values: { A: 'a', N: 5, B: true }, Host: { LocalHttpPort: 7072 } });
    expect(await readAppConfig(appDir)).toMatchObject({
      appDir,
      main: 'dist/*.js',
      packageType: 'module',
      routePrefix: 'v2',
      settings: { A: 'a', N: '5', B: 'true' },
      localHttpPort: 7072,
    });
  });

  it('defaults the route prefix to api, keeps an empty one, and works without local.settings.json', async () => {
    write('package.json', { main: 'index.js' });
    write('host.json', { version: '2.0' });
    expect((await readAppConfig(appDir)).routePrefix).toBe('api');
    write('host.json', { version: '2.0', extensions: { http: { routePrefix: '' } } });
    expect((await readAppConfig(appDir)).routePrefix).toBe('');
  });

  it.each([
    ['no package.json', {}, /No package\.json in .*azfx start path\/to\/app/],
    ['no main', { 'package.json': { name: 'x' } }, /has no "main".*"main": "dist\/src\/functions\/\*\.js"/],
    ['invalid package.json', { 'package.json': '{ "main": ' }, /package\.json is not valid JSON/],
    ['non-string routePrefix', { 'package.json': { main: 'a.js' }, 'host.json': { version: '2.0', extensions: { http: { routePrefix: 5 } } } }, /routePrefix must be a string/],
    ['no host.json', { 'package.json': { main: 'a.js' } }, /No host\.json in .*create host\.json with \{ "version": "2\.0" \}/],
    ['encrypted settings', { 'package.json': { main: 'a.js' }, 'host.json': { version: '2.0' }, 'local.settings.json': { IsEncrypted: true, Values: {} } }, /encrypted/],
    ['object setting', { 'package.json': { main: 'a.js' }, 'host.json': { version: '2.0' }, 'local.settings.json': { Values: { X: { nested: 1 } } } }, /Values\.X must be a string/],
  ])('explains %s', async (_name, files: Record<string, unknown>, message) => {
    for (const [file, content] of Object.entries(files)) {
      write(file, content);
    }
    const error = await readAppConfig(appDir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostStartupError);
    expect((error as Error).message).toMatch(message);
  });

  it('explains a missing app folder', async () => {
    await expect(readAppConfig(path.join(appDir, 'nope'))).rejects.toThrow(/does not exist/);
  });
});
