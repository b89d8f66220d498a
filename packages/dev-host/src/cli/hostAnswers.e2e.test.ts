import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, statusOf } from '../hardening/rawHttp.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';

// The host answers for the host, the same with and without --watch: size limits, bad requests and the admin API's
// refusals come from the host process; the app's own answer passes through unchanged.

const modes = [['without --watch', []] as const, ['with --watch', ['--watch']] as const];

describe.each(modes)('azfx start %s', (_mode, extra) => {
  let run: CliRun;
  let url: string;
  beforeAll(async () => {
    run = runCli(['start', fixtureDir('cjs-app'), '--port', '0', '--max-body-size', '1kb', ...extra]);
    url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
  }, 40_000);
  afterAll(async () => {
    run.child.kill('SIGTERM');
    await run.exited;
  });

  const admin = (headers: string, method = 'POST', target = '/admin/functions/queueWork'): ReturnType<typeof rawExchange> => {
    const body = method === 'POST' ? '{"input":"from a web page"}' : '';
    return rawExchange(url, `${method} ${target} HTTP/1.1\r\n${headers}Content-Length: ${String(body.length)}\r\nConnection: close\r\n\r\n${body}`, { waitMs: 20_000 });
  };

  it('answers 413 for a body over the limit, and at once for a huge declared one with no body sent', async () => {
    const over = await fetch(`${url}/api/echo/x`, { method: 'POST', body: 'x'.repeat(2048) });
    expect(over.status).toBe(413);

    const declared = await rawExchange(url, 'POST /api/echo/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 209715200\r\n\r\n', { waitMs: 20_000 });
    expect(statusOf(declared)).toBe(413);
    expect(declared.closed).toBe(true);
  });

  it('answers 400 for a request HTTP/1.1 forbids, and passes the app\'s own answers through', async () => {
    const twoHosts = await rawExchange(url, 'GET /api/hello HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n', { waitMs: 20_000 });
    expect(statusOf(twoHosts)).toBe(400);
    const res = await fetch(`${url}/api/hello?name=pass`);
    expect([res.status, await res.text()]).toEqual([200, 'Hello, pass!']);
    expect((await fetch(`${url}/api/nothing-here`)).status).toBe(404);
  });

  it('refuses what a web page can send to the admin API: CSRF bodies, an Origin, a preflight, a rebound Host', async () => {
    const local = 'Host: localhost\r\n';
    const statuses = {
      textPlain: statusOf(await admin(`${local}Content-Type: text/plain\r\n`)),
      form: statusOf(await admin(`${local}Content-Type: application/x-www-form-urlencoded\r\n`)),
      noType: statusOf(await admin(local)),
      origin: statusOf(await admin(`${local}Origin: https://evil.example\r\nContent-Type: application/json\r\n`)),
      preflight: statusOf(await admin(`${local}Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n`, 'OPTIONS')),
      rebound: statusOf(await admin('Host: evil.example:7071\r\nContent-Type: application/json\r\n')),
      reboundStatus: statusOf(await admin('Host: evil.example\r\n', 'GET', '/admin/host/status')),
    };
    expect(statuses).toEqual({ textPlain: 415, form: 415, noType: 415, origin: 403, preflight: 403, rebound: 403, reboundStatus: 403 });
    const preflight = await admin(`${local}Origin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\n`, 'OPTIONS');
    expect(preflight.response.toLowerCase()).not.toContain('access-control-allow');

    // None of them ran the function; a JSON request from this machine does.
    const ran = async (): Promise<number> =>
      ((await (await fetch(`${url}/api/events`)).json()) as { kind: string }[]).filter((event) => event.kind === 'queueWork').length;
    expect(await ran()).toBe(0);
    expect(statusOf(await admin(`${local}Content-Type: application/json\r\n`))).toBe(202);
  });
});

describe('azfx start with an app that streams (app.setup({ enableHttpStream: true }))', () => {
  it('forwards requests to the library\'s proxy in the worker process and streams the answer back', async () => {
    const run = runCli(['start', fixtureDir('streaming-app'), '--port', '0']);
    try {
      const url = await waitForOutput(run, /serving .* at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
      const res = await fetch(`${url}/api/upper/t1?q=x`, { method: 'POST', body: 'streamed through two processes' });
      expect([res.status, res.headers.get('x-tag'), await res.text()]).toEqual([200, 't1', 'STREAMED THROUGH TWO PROCESSES']);
      expect(await (await fetch(`${url}/api/ticker`)).text()).toBe('tick 1\ntick 2\ntick 3\n');
      expect((await fetch(`${url}/api/streamBoom`)).status).toBe(500);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 60_000);
});
