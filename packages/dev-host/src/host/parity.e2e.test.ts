import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rawExchange } from '../hardening/rawHttp.js';
import { HostStartupError, startHost, type Host, type StartHostOptions } from '../index.js';
import { copyFixture, fixtureDir } from '../test-support/fixtures.js';

let host: Host | undefined;
const removals: (() => void)[] = [];

afterEach(async () => {
  await host?.close();
  host = undefined;
  for (const remove of removals.splice(0)) {
    remove();
  }
});

function messages(): string[] {
  return host?.logs.map((record) => record.message) ?? [];
}

/** A copy of a parity fixture with some of its files rewritten. */
function variant(fixture: string, files: Record<string, unknown>): string {
  const app = copyFixture(fixture);
  removals.push(app.remove);
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(path.join(app.dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return app.dir;
}

async function refusal(options: StartHostOptions): Promise<string> {
  const error = await startHost(options).then(
    async (started) => {
      await started.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HostStartupError);
  return (error as Error).message;
}

describe.each(['parity-cjs', 'parity-esm'])('parity with Azure (%s, through startHost())', (fixture) => {
  it('fails an invocation that outlives host.json functionTimeout as the host does: 500, with the host\'s log lines', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    expect(await (await host.fetch('/api/slow?ms=10')).text()).toBe('slept 10');
    const res = await host.fetch('/api/slow?ms=4000');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(messages()).toContainEqual(expect.stringMatching(/^Timeout value of 00:00:01 exceeded by function 'Functions\.slow' \(Id: '[0-9a-f-]+'\)\. Initiating cancellation\.$/));
    expect(messages()).toContainEqual(expect.stringContaining('Exception: FunctionTimeoutException: Timeout value of 00:00:01 was exceeded by function: Functions.slow'));
    const invoked = await host.invoke('slow', { input: { url: '/api/slow?ms=4000' } });
    expect(invoked.failed).toBe(true);
    expect(String(invoked.error)).toContain('Timeout value of 00:00:01 was exceeded by function: Functions.slow');
  });

  it('does not serve, schedule or run a function disabled by AzureWebJobs.<name>.Disabled, and lists it as disabled', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    expect(host.functions.filter((fn) => fn.disabled === true)).toEqual([
      { name: 'off', triggerType: 'httpTrigger', disabled: true },
      { name: 'offTick', triggerType: 'timerTrigger', disabled: true },
    ]);
    // Core Tools leaves them out of the listing and says so after it.
    expect(messages().filter((line) => line.startsWith('\toff'))).toEqual([]);
    expect(host.logs.filter((record) => record.level === 'warning' && record.message.endsWith(' is disabled.')).map((record) => record.message)).toEqual([
      'Function off is disabled.',
      'Function offTick is disabled.',
    ]);
    expect((await host.fetch('/api/off')).status).toBe(404);
    const admin = await host.fetch('/admin/functions/offTick', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(admin.status).toBe(404);
    await expect(host.invoke('offTick')).rejects.toThrow(/"offTick" is disabled \(app setting AzureWebJobs\.offTick\.Disabled\)/);
    // runOnStartup would have run it at once.
    expect(messages().some((line) => line.includes("Executing 'Functions.offTick'"))).toBe(false);
  });

  it('marks functions whose trigger or bindings it does not emulate, and says once what Azure does instead', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    const blobby = host.functions.find((fn) => fn.name === 'blobby');
    expect(blobby?.notEmulated?.[0]).toMatch(/its blobTrigger is not emulated: Azure runs it when the event source fires and passes the blob content/);
    expect(host.functions.find((fn) => fn.name === 'withInput')?.notEmulated).toEqual([
      expect.stringContaining('its input binding "doc" (blob) is not emulated: Azure reads it before the function runs'),
    ]);
    expect(host.functions.find((fn) => fn.name === 'hello')?.notEmulated).toBeUndefined();
    expect(messages()).toContain('\tblobby: blobTrigger (not emulated: see below)');
    const warnings = host.logs.filter((record) => record.level === 'warning' && record.message.startsWith("Function 'blobby'"));
    expect(warnings).toHaveLength(1);
  });

  it('lists HTTP functions first, then the others, each by name as the host orders them, every HTTP line with its auth level', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    const port = new URL(host.url).port;
    const listing = messages().slice(messages().indexOf('Functions:') + 1);
    const lines = listing.slice(0, listing.findIndex((line) => !line.startsWith('\t')));
    expect(lines.map((line) => line.slice(1, line.indexOf(':')))).toEqual([
      'header', 'hello', 'masterOnly', 'secured', 'setting', 'slow', 'talk', 'upload', 'withInput', 'blobby',
    ]);
    expect(lines).toContain(`\thello: [GET,POST] http://localhost:${port}/api/hello (authLevel: anonymous)`);
    expect(lines).toContain(`\tsecured: [GET] http://localhost:${port}/api/secured (authLevel: function)`);
    expect(lines).toContain(`\tmasterOnly: [GET] http://localhost:${port}/api/masterOnly (authLevel: admin)`);
    expect(lines.filter((line) => line.includes('/api/')).every((line) => / \(authLevel: (anonymous|function|admin)\)/.test(line))).toBe(true);
    expect(host.functions.filter((fn) => fn.url !== undefined).map((fn) => fn.authLevel)).not.toContain(undefined);
  });

  it('adds host.json extensions.http.customHeaders to responses; the function\'s own header wins', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    const res = await host.fetch('/api/hello');
    expect(res.headers.get('x-custom')).toBe('parity');
    expect(res.headers.get('x-own')).toBe('from-function');
    expect((await host.fetch('/api/nowhere')).headers.get('x-custom')).toBe('parity');
  });

  it('answers CORS preflights and simple requests from local.settings.json Host.CORS as ASP.NET Core\'s middleware does', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    const preflight = await host.fetch('/api/hello', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-trace' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control') || name === 'vary'))).toEqual({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type,x-trace',
      vary: 'Origin',
    });
    const refused = await host.fetch('/api/hello', { method: 'OPTIONS', headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
    expect(refused.status).toBe(204);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const simple = await host.fetch('/api/hello', { headers: { origin: 'https://example.com' } });
    expect(await simple.text()).toBe('hi');
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://example.com');
    expect(simple.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await host.fetch('/api/hello', { headers: { origin: 'http://evil.test' } });
    expect(await other.text()).toBe('hi');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes cors and corsCredentials options over Host.CORS; "*" without credentials answers "*"', async () => {
    host = await startHost({ appDir: variant(fixture, { 'local.settings.json': { Values: {} } }), cors: '*' });
    const preflight = await host.fetch('/api/hello', { method: 'OPTIONS', headers: { origin: 'http://anywhere.test', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('checks function keys with enableAuth as the host does: code query first, then x-functions-key; 401 with no body', async () => {
    host = await startHost({ appDir: fixtureDir(fixture), enableAuth: true, env: { AZFX_HOST_KEY: 'hk', AZFX_MASTER_KEY: 'mk', AZFX_FUNCTION_KEY_secured: 'fk' } });
    const status = async (route: string, headers: Record<string, string> = {}): Promise<number> => (await host?.fetch(route, { headers }))?.status ?? 0;
    const refused = await host.fetch('/api/secured');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('');
    expect(await status('/api/secured?code=fk')).toBe(200);
    expect(await status('/api/secured', { 'x-functions-key': 'fk' })).toBe(200);
    expect(await status('/api/secured', { 'x-functions-key': 'hk' })).toBe(200);
    expect(await status('/api/secured?code=mk')).toBe(200);
    expect(await status('/api/secured?code=wrong', { 'x-functions-key': 'fk' })).toBe(401);
    expect(await status('/api/masterOnly?code=hk')).toBe(401);
    expect(await status('/api/masterOnly?code=fk')).toBe(401);
    expect(await status('/api/masterOnly', { 'x-functions-key': 'mk' })).toBe(200);
    expect(await status('/api/hello')).toBe(200);
    expect(host.functions.find((fn) => fn.name === 'secured')?.authLevel).toBe('function');
    expect(host.functions.find((fn) => fn.name === 'hello')?.authLevel).toBe('anonymous');
    expect(host.functions.find((fn) => fn.name === 'blobby')?.authLevel).toBeUndefined();
    expect(messages()).toContainEqual(expect.stringMatching(/\tmasterOnly: \[GET\] http:\/\/localhost:\d+\/api\/masterOnly \(authLevel: admin\)$/));
    expect(messages().some((line) => line.startsWith('Function keys are not checked'))).toBe(false);
  });

  it('says once, without enableAuth, that keys are not checked and which functions Azure guards', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    expect((await host.fetch('/api/secured')).status).toBe(200);
    const notices = messages().filter((line) => line.startsWith('Function keys are not checked'));
    expect(notices).toEqual([
      'Function keys are not checked: secured (function), masterOnly (admin) answer here without a key, and 401 in Azure until callers send one. Start with --enable-auth to check keys locally.',
    ]);
    await host.close();
    host = await startHost({ appDir: fixtureDir(fixture), enableAuth: true });
    expect(messages()).toContainEqual(expect.stringContaining('--enable-auth: no keys are set, so secured (function), masterOnly (admin) answer 401. Set AZFX_HOST_KEY'));
    expect((await host.fetch('/api/secured')).status).toBe(401);
  });

  it('passes local.settings.json ConnectionStrings to the app as ConnectionStrings:<name> settings, as Core Tools does', async () => {
    const dir = variant(fixture, { 'local.settings.json': { Values: {}, ConnectionStrings: { MyDb: 'Server=db;Database=x' } } });
    host = await startHost({ appDir: dir });
    expect(await (await host.fetch('/api/setting?name=ConnectionStrings:MyDb')).text()).toBe('Server=db;Database=x');
  });

  it("keeps the app's console output in host.logs with the levels azfx start gives it (the test's own is not)", async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    expect(await (await host.fetch('/api/talk')).text()).toBe('talked');
    console.log('console says hello from the test');
    const consoleLines = host.logs.filter((record) => record.message.startsWith('console ')).map(({ level, message }) => ({ level, message }));
    expect(consoleLines).toEqual([
      { level: 'information', message: 'console says hello' },
      { level: 'error', message: 'console says oops' },
      { level: 'warning', message: 'console warns: careful' },
    ]);
  });

  it('joins repeated request headers with "," as the host does', async () => {
    host = await startHost({ appDir: fixtureDir(fixture) });
    const { host: authority } = new URL(host.url);
    const exchange = await rawExchange(host.url, `GET /api/header?name=x-multi HTTP/1.1\r\nHost: ${authority}\r\nX-Multi: a\r\nX-Multi: b c\r\nConnection: close\r\n\r\n`);
    expect(exchange.statusLine).toBe('HTTP/1.1 200 OK');
    expect(exchange.response.endsWith('\r\n\r\na,b c')).toBe(true);
  });

  it('honours FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (bytes), which maxBodyBytes overrides', async () => {
    host = await startHost({ appDir: fixtureDir(fixture), env: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '10' } });
    expect((await host.fetch('/api/hello', { method: 'POST', body: '0123456789' })).status).toBe(200);
    expect((await host.fetch('/api/hello', { method: 'POST', body: '0123456789X' })).status).toBe(413);
    await host.close();
    host = await startHost({ appDir: fixtureDir(fixture), env: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '10' }, maxBodyBytes: 20 });
    expect((await host.fetch('/api/hello', { method: 'POST', body: '0123456789X' })).status).toBe(200);
  });

  it('loads only the functions named by the functions option and host.json "functions" (case-insensitive)', async () => {
    host = await startHost({ appDir: fixtureDir(fixture), functions: ['HELLO', 'slow', 'missing'] });
    expect(host.functions.map((fn) => fn.name)).toEqual(['hello', 'slow']);
    expect((await host.fetch('/api/header')).status).toBe(404);
    expect(messages()).toContain('The functions list names "missing", which the app does not register; they are ignored.');
    await host.close();
    const dir = variant(fixture, { 'host.json': { version: '2.0', functions: ['header'] } });
    host = await startHost({ appDir: dir });
    expect(host.functions.map((fn) => fn.name)).toEqual(['header']);
  });

  it.each([
    ['no host.json', { 'host.json': null }, /No host\.json in .*Azure Functions refuses to start an app without one: create host\.json with \{ "version": "2\.0" \}/],
    ['host.json without version', { 'host.json': {} }, /host\.json version is missing\. The Functions host \(v4\) starts only apps whose host\.json says "version": "2\.0"/],
    ['host.json version 1.0', { 'host.json': { version: '1.0' } }, /host\.json version is "1\.0"/],
    ['a functionTimeout that is not a time span', { 'host.json': { version: '2.0', functionTimeout: '5 minutes' } }, /host\.json functionTimeout is "5 minutes", which is not a time span\. Write it as "hh:mm:ss"/],
    ['a functionTimeout under a second', { 'host.json': { version: '2.0', functionTimeout: '00:00:00.500' } }, /functionTimeout is "00:00:00\.500"; it must be at least 00:00:01/],
    ['a bad log level', { 'host.json': { version: '2.0', logging: { logLevel: { default: 'Verbose' } } } }, /host\.json logging\.logLevel\.default is "Verbose", which is not a log level\. Use one of Trace/],
    ['a bad custom header', { 'host.json': { version: '2.0', extensions: { http: { customHeaders: { 'X-A': 5 } } } } }, /customHeaders\.X-A must be a single-line string/],
    ['a watch directory outside the app', { 'host.json': { version: '2.0', watchDirectories: ['../shared'] } }, /host\.json watchDirectories has "\.\.\/shared", which is not a folder inside the app/],
    ['a functions list that is not names', { 'host.json': { version: '2.0', functions: 'hello' } }, /host\.json functions must be an array of names/],
    ['a CORS entry that is not an origin', { 'local.settings.json': { Host: { CORS: 'localhost:3000' } } }, /local\.settings\.json Host\.CORS has "localhost:3000", which is not an origin\. List origins as scheme:\/\/host\[:port\]/],
    ['a CORS origin with a path', { 'local.settings.json': { Host: { CORS: 'http://localhost:3000/app' } } }, /"http:\/\/localhost:3000\/app", which is not an origin/],
    ['any origin with credentials', { 'local.settings.json': { Host: { CORS: '*', CORSCredentials: true } } }, /allows any origin \("\*"\) with credentials, which the CORS protocol does not allow/],
    ['CORSCredentials that is not a boolean', { 'local.settings.json': { Host: { CORSCredentials: 'yes' } } }, /Host\.CORSCredentials must be true or false \(got "yes"\)/],
    ['a LocalHttpPort that is not a port', { 'local.settings.json': { Host: { LocalHttpPort: '7072' } } }, /Host\.LocalHttpPort must be a port number from 0 to 65535 \(got "7072"\)/],
    ['a connection string that is not a string', { 'local.settings.json': { ConnectionStrings: { MyDb: { value: 'x' } } } }, /local\.settings\.json ConnectionStrings\.MyDb must be a string/],
    ['a body size limit that is not bytes', { 'local.settings.json': { Values: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '4GB' } } }, /FUNCTIONS_REQUEST_BODY_SIZE_LIMIT is "4GB": it must be a whole number of bytes/],
  ])('refuses to start with %s, naming the file, the key and the fix', async (_case, files: Record<string, unknown>, message) => {
    const dir = variant(fixture, {});
    for (const [file, content] of Object.entries(files)) {
      if (content === null) {
        rmSync(path.join(dir, file));
      } else {
        writeFileSync(path.join(dir, file), JSON.stringify(content));
      }
    }
    expect(await refusal({ appDir: dir })).toMatch(message);
  });

  it('refuses a bad cors option', async () => {
    expect(await refusal({ appDir: fixtureDir(fixture), cors: 'http://ok.test, nope' })).toMatch(/--cors has "nope", which is not an origin/);
    expect(await refusal({ appDir: fixtureDir(fixture), cors: '*,http://ok.test' })).toMatch(/--cors lists "\*" with other origins; "\*" \(any origin\) must be the whole list/);
  });
});
