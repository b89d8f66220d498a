import { setTimeout as delay } from 'node:timers/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackgroundProcess } from './background-process.js';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** A token of a user the registry knows, allowed to publish `@azfx/*`. */
  token: string;
  /** The `.npmrc` line that gives npm that token for this registry. */
  authLine: string;
  /** What Verdaccio printed: for the failure message of a step that talked to it. */
  output(): string;
  /** Whether the Verdaccio process is still alive. */
  isRunning(): boolean;
  /** Stops Verdaccio and waits until its process has exited; safe to call twice. */
  stop(): Promise<void>;
}

const launcher = fileURLToPath(new URL('../../scripts/verdaccio-server.mjs', import.meta.url));

/**
 * Starts Verdaccio on 127.0.0.1 with its storage under `dir`. `@azfx/*` is served from that storage alone (so an
 * install can only get what the test published); every other package is proxied from the public npm registry
 * (so the apps can install `@azure/functions` from this registry too). Anyone may read; a registered user may
 * publish `@azfx/*`; nobody may publish anything else.
 */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  await mkdir(dir, { recursive: true });
  const configPath = path.join(dir, 'config.yaml');
  await writeFile(configPath, verdaccioConfig(dir));

  const registry = startBackgroundProcess(process.execPath, [launcher, configPath], { cwd: dir, graceMs: 5000, stdinLifeline: true });
  const { output, isRunning, stop } = registry;

  try {
    const port = await waitForPort(output, isRunning, 30_000);
    const url = `http://127.0.0.1:${port}/`;
    const token = await registerUser(url);
    return { url, token, authLine: `//127.0.0.1:${port}/:_authToken=${token}`, output, isRunning, stop };
  } catch (error) {
    await stop();
    throw new Error(`Verdaccio did not start: ${error instanceof Error ? error.message : String(error)}\n${output()}`, {
      cause: error,
    });
  }
}

function verdaccioConfig(dir: string): string {
  return `# Written by the end-to-end publish test; removed with its temporary folder.
storage: ${JSON.stringify(path.join(dir, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}
    max_users: 1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
packages:
  '@azfx/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    proxy: npmjs
log: { type: stdout, format: pretty, level: warn }
`;
}

async function waitForPort(output: () => string, isRunning: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = /verdaccio listening on (\d+)/.exec(output())?.[1];
    if (port !== undefined) return Number(port);
    if (!isRunning()) throw new Error('the Verdaccio process exited');
    await delay(50);
  }
  throw new Error(`no "listening" line within ${timeoutMs} ms`);
}

/** Adds the one user this registry allows and returns its token, as `npm adduser` would. */
async function registerUser(url: string): Promise<string> {
  const response = await fetch(new URL('-/user/org.couchdb.user:azfx-e2e', url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'azfx-e2e', password: 'azfx-e2e-password' }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || body.token === undefined) {
    throw new Error(`adding a user answered ${response.status}: ${body.error ?? 'no token'}`);
  }
  return body.token;
}
