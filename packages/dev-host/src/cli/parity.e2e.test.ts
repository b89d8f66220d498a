import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';
import { runCli, waitForOutput, type CliRun } from '../test-support/runCli.js';
import { waitFor } from '../test-support/waitFor.js';

const runs: CliRun[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.child.exitCode === null) {
      run.child.kill('SIGINT');
      await run.exited;
    }
  }
});

function start(args: string[]): CliRun {
  const run = runCli(['start', ...args]);
  runs.push(run);
  return run;
}

const servingUrl = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/;

describe.each(['parity-cjs', 'parity-esm'])('parity with Azure through `azfx start` (%s)', (fixture) => {
  it('fails a timed-out invocation with 500, logs it as the host does, restarts the worker and serves on', async () => {
    const run = start([fixtureDir(fixture), '--port', '0']);
    const url = await waitForOutput(run, servingUrl, 30_000);
    const res = await fetch(`${url}/api/slow?ms=3000`);
    expect(res.status).toBe(500);
    expect(run.output() + run.errors()).toMatch(/Timeout value of 00:00:01 exceeded by function 'Functions\.slow' \(Id: '[0-9a-f-]+'\)\. Initiating cancellation\./);
    expect(run.errors()).toContain('A function timeout has occurred: restarting the worker');
    expect(await (await fetch(`${url}/api/hello`)).text()).toBe('hi');
  });

  it('lists disabled and not-emulated functions as marked, loads only --functions, and applies --cors over Host.CORS', async () => {
    const run = start([fixtureDir(fixture), '--port', '0', '--cors', 'http://app.test', '--functions', 'hello', 'off', 'blobby']);
    const url = await waitForOutput(run, servingUrl, 30_000);
    const port = new URL(url).port;
    expect(run.output()).toContain(`\thello: [GET,POST] http://localhost:${port}/api/hello (authLevel: anonymous)\n`);
    expect(run.errors()).toContain('Function off is disabled.');
    expect(run.output()).not.toContain('\toff:');
    expect(run.output()).toContain('\tblobby: blobTrigger (not emulated: see below)');
    expect(run.output()).not.toContain('slow:');
    expect(run.errors()).toMatch(/Function 'blobby': its blobTrigger is not emulated/);
    expect((await fetch(`${url}/api/slow`)).status).toBe(404);
    expect((await fetch(`${url}/api/off`)).status).toBe(404);
    const preflight = await fetch(`${url}/api/hello`, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test');
    // Host.CORSCredentials still applies: the flag replaces only the origins.
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const old = await fetch(`${url}/api/hello`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(old.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('function keys through `azfx start`', () => {
  it('checks keys from local.settings.json Values with --enableAuth (func start\'s spelling)', async () => {
    const app = copyFixture('parity-cjs');
    try {
      writeFileSync(`${app.dir}/local.settings.json`, JSON.stringify({ IsEncrypted: false, Values: { AZFX_FUNCTION_KEY_secured: 'fk' } }));
      const run = start([app.dir, '--port', '0', '--enableAuth']);
      const url = await waitForOutput(run, servingUrl, 30_000);
      expect((await fetch(`${url}/api/secured`)).status).toBe(401);
      expect((await fetch(`${url}/api/secured?code=fk`)).status).toBe(200);
      expect((await fetch(`${url}/api/secured`, { headers: { 'x-functions-key': 'fk' } })).status).toBe(200);
      expect(run.output()).toMatch(/\tsecured: \[GET\] http:\/\/localhost:\d+\/api\/secured \(authLevel: function\)\n/);
    } finally {
      app.remove();
    }
  });
});

describe('start-up refusals through `azfx start`', () => {
  it('exits 1 without listening when host.json is missing', async () => {
    const app = copyFixture('parity-cjs');
    try {
      rmSync(`${app.dir}/host.json`);
      const run = start([app.dir, '--port', '0']);
      expect(await run.exited).toBe(1);
      expect(run.errors()).toMatch(/The app cannot start\.\nNo host\.json in .*create host\.json with \{ "version": "2\.0" \}/);
      expect(run.output()).not.toContain('serving');
    } finally {
      app.remove();
    }
  });

  it('exits 1 for a bad --cors origin, and 2 with the reason for a func start flag azfx does not take', async () => {
    const bad = start([fixtureDir('parity-cjs'), '--port', '0', '--cors', 'app.test']);
    expect(await bad.exited).toBe(1);
    expect(bad.errors()).toContain('--cors has "app.test", which is not an origin');
    const https = start([fixtureDir('parity-cjs'), '--useHttps']);
    expect(await https.exited).toBe(2);
    expect(https.errors()).toContain('--useHttps is not supported by azfx: the dev host serves plain HTTP');
    const typo = start([fixtureDir('parity-cjs'), '--prot', '0']);
    expect(await typo.exited).toBe(2);
    expect(typo.errors()).toContain("Unknown option '--prot'. Did you mean --port?");
  });
});

describe('logs through `azfx start`', () => {
  it('logs console output with timestamps and levels (stdout Information, stderr Error or Warning) and applies logging.logLevel', async () => {
    const app = copyFixture('parity-esm');
    try {
      writeFileSync(`${app.dir}/host.json`, JSON.stringify({ version: '2.0', logging: { logLevel: { default: 'Information', 'Function.talk.User': 'Warning' } } }));
      const run = start([app.dir, '--port', '0']);
      const url = await waitForOutput(run, servingUrl, 30_000);
      expect(await (await fetch(`${url}/api/talk`)).text()).toBe('talked');
      await waitForOutput(run, /(GET \/api\/talk 200)/);
      await waitFor('the console lines', () => (run.errors().includes('console warns: careful') ? true : undefined));
      const stamp = String.raw`\[\d{4}-\d\d-\d\dT[\d:.]+Z\] `;
      expect(run.output()).toMatch(new RegExp(`${stamp}console says hello\\n`));
      expect(run.errors()).toMatch(new RegExp(`${stamp}console says oops\\n`));
      expect(run.errors()).toMatch(new RegExp(`${stamp}console warns: careful\\n`));
      expect(run.errors()).toContain('talk logs a warning');
      expect(run.output() + run.errors()).not.toContain('talk logs information');
    } finally {
      app.remove();
    }
  });
});

describe('host.json watchDirectories', () => {
  it('reloads the app under --watch when a file in a watched directory changes', async () => {
    const app = copyFixture('parity-cjs');
    try {
      mkdirSync(`${app.dir}/settings`);
      writeFileSync(`${app.dir}/settings/a.json`, '{}');
      writeFileSync(`${app.dir}/host.json`, JSON.stringify({ version: '2.0', watchDirectories: ['settings'] }));
      const run = start([app.dir, '--port', '0', '--watch']);
      await waitForOutput(run, servingUrl, 30_000);
      writeFileSync(`${app.dir}/settings/a.json`, '{"changed":true}');
      expect(await waitForOutput(run, /(settings\/a\.json changed: reloading the app\.)/, 15_000)).toBeDefined();
    } finally {
      app.remove();
    }
  });
});
