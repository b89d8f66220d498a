import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost } from '../index.js';
import { bindWarning } from '../host/bindWarning.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { nonLoopbackAddress, rawExchange, statusOf } from './rawHttp.js';

const remoteAddress = nonLoopbackAddress();

const runs: CliRun[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) {
    run.child.kill('SIGINT');
    await run.exited;
  }
});

function start(args: readonly string[]): CliRun {
  const run = runCli(['start', fixtureDir('cjs-app'), '--port', '0', ...args]);
  runs.push(run);
  return run;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('the address the host listens on', () => {
  it('is 127.0.0.1 by default: this machine only', async () => {
    const host = await startHost({ appDir: fixtureDir('esm-app') });
    try {
      const { hostname, port } = new URL(host.url);
      expect(hostname).toBe('127.0.0.1');
      expect(await connects('127.0.0.1', Number(port))).toBe(true);
      if (remoteAddress !== undefined) expect(await connects(remoteAddress, Number(port))).toBe(false);
      expect(host.logs.filter((log) => log.level === 'warning')).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('names every interface when the address is empty', () => {
    expect(bindWarning('')).toMatch(/^WARNING: listening on every interface, not on this machine only\./);
    expect([bindWarning('127.0.0.1'), bindWarning('127.1.2.3'), bindWarning('localhost'), bindWarning('::1')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('azfx start prints no warning on the default address', async () => {
    const run = start([]);
    await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)\./);
    expect(run.errors()).not.toContain('WARNING');
  });

  it.each([
    ['azfx start', []],
    ['azfx start --watch', ['--watch']],
  ])('%s warns on stderr when it listens beyond this machine', async (_name, extra) => {
    const address = remoteAddress ?? '0.0.0.0';
    const run = start(['--host', address, ...extra]);
    await waitForOutput(run, /(on|at) (http:\/\/\S+:\d+)/);
    await expect.poll(() => run.errors()).toContain(`WARNING: listening on ${address}, not on this machine only.`);
  });
});

// A caller from another machine: the host listens on this machine's own non-loopback address and the test connects
// to it, so the connection's remote address is not loopback.
describe.skipIf(remoteAddress === undefined)('azfx start --watch with callers from another machine', () => {
  const address = remoteAddress ?? '';
  // Every spelling must be refused. The last two once got through the watch proxy of an earlier design, which
  // forwarded what it let through to the app process as a loopback caller: it resolved them as URL references (whose
  // host part swallowed or failed on `%zz` and `[`), the app process as paths ending in /admin/...
  const adminTargets = [
    'GET /admin/host/status',
    'GET /api/../admin/host/status',
    'GET /api/%2e%2e/admin/host/status',
    'GET //x/../../admin/host/status',
    'GET //%zz/../../admin/host/status',
    'GET //[/../../admin/host/status',
    'POST //%zz/../../admin/functions/queueWork',
  ];

  async function watchOn(extra: readonly string[] = []): Promise<string> {
    const run = start(['--host', address, '--watch', ...extra]);
    return waitForOutput(run, /at (http:\/\/\S+:\d+) \(watch mode/);
  }

  function send(url: string, request: string, headers = ''): ReturnType<typeof rawExchange> {
    const [method, target] = request.split(' ');
    const body = '{"input":"owned"}';
    return rawExchange(
      url,
      `${method ?? 'GET'} ${target ?? '/'} HTTP/1.1\r\nHost: x\r\n${headers}Content-Type: application/json\r\n` +
        `Content-Length: ${String(body.length)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  it('refuses the admin API under every spelling of its path, and runs nothing', async () => {
    const url = await watchOn();

    const statuses = await Promise.all(adminTargets.map(async (request) => [request, statusOf(await send(url, request))]));

    expect(statuses).toEqual(adminTargets.map((request) => [request, 401]));
    const events = (await (await fetch(`${url}/api/events`)).json()) as { kind: string }[];
    expect(events.filter((event) => event.kind === 'queueWork')).toEqual([]);
  });

  it('lets a caller with the admin key in, whatever the spelling', async () => {
    const url = await watchOn(['--admin-key', 's3cret']);

    expect(statusOf(await send(url, 'GET //%zz/../../admin/host/status'))).toBe(401);
    expect(statusOf(await send(url, 'GET //%zz/../../admin/host/status', 'x-functions-key: s3cret\r\n'))).toBe(200);
    expect(statusOf(await send(url, 'POST /api/../admin/functions/queueWork', 'x-functions-key: s3cret\r\n'))).toBe(202);
  });

  it('answers HTTP/1.1 violations itself, with --watch as without', async () => {
    const url = await watchOn();

    const twoHosts = await rawExchange(url, 'GET /api/hello HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n');
    const noVersion = await rawExchange(url, 'GET /api/hello\r\n\r\n');

    expect([statusOf(twoHosts), statusOf(noVersion)]).toEqual([400, 400]);
  });
});
