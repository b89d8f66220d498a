import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { nonLoopbackAddress, rawExchange, statusOf, type RawExchange } from './rawHttp.js';

// The dev host serves no files, so "path traversal" here means reaching a route, or the admin API, by a path that
// does not look like it. The host resolves dot segments (also percent-encoded ones, and backslashes) the way URLs
// do before it routes or decides anything, so every check sees the path that is really served.

function get(url: string, target: string, headers = '', address?: string): Promise<RawExchange> {
  return rawExchange(url, `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`, address === undefined ? {} : { address });
}

const bodyOf = (exchange: RawExchange): string => exchange.response.slice(exchange.response.indexOf('\r\n\r\n') + 4);

/** Targets that climb out of the route prefix into the admin API. */
const towardsAdmin = [
  '/api/../admin/host/status',
  '/api/%2e%2e/admin/host/status',
  '/api/%2E%2e/%2e%2E/admin/host/status',
  '/api/..\\admin/host/status',
  '/API/../ADMIN/host/status',
  '/api/../../../admin/host/status',
  '/./admin/./host/status',
  // A `//host` form whose host part does not parse: a proxy resolving it as a URL reference would not see /admin.
  '//%zz/../../admin/host/status',
];

describe('path traversal from this machine', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app') });
  });
  afterAll(async () => {
    await host.close();
  });

  it.each(towardsAdmin)('%s is the admin API it resolves to (a local caller may use it)', async (target) => {
    const exchange = await get(host.url, target);
    expect(statusOf(exchange)).toBe(200);
    expect(JSON.parse(bodyOf(exchange))).toMatchObject({ state: 'Running' });
  });

  it.each(['/../../../../etc/passwd', '/api/../../etc/passwd', '/api/echo/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e/%2e%2e/etc/passwd'])(
    '%s climbs out of every route: 404 with an empty body',
    async (target) => {
      const exchange = await get(host.url, target);
      expect(statusOf(exchange)).toBe(404);
      expect(bodyOf(exchange)).toBe('');
    },
  );

  it.each([
    ['/api/echo/..%2f..%2fetc%2fpasswd', '..%2f..%2fetc%2fpasswd'],
    ['/api/echo/..%5c..%5cwin.ini', '..\\..\\win.ini'],
    ['/api/echo/a/../b', 'b'],
  ])('%s stays inside its route: the function gets the text, never a resolved file path', async (target, rest) => {
    const exchange = await get(host.url, target);
    expect(statusOf(exchange)).toBe(200);
    expect(JSON.parse(bodyOf(exchange))).toMatchObject({ functionName: 'echo', params: { rest } });
  });

  it.each(['/admin%2fhost%2fstatus', '/%61dmin/host/status', '//admin/host/status'])(
    '%s is not the admin API (an encoded slash or letter is not resolved): 404',
    async (target) => {
      expect(statusOf(await get(host.url, target))).toBe(404);
    },
  );
});

const remoteAddress = nonLoopbackAddress();

// A caller from another machine is simulated by binding the host to this machine's own non-loopback address and
// connecting to it: the connection's remote address is then that address, not loopback. Without such an address,
// the decision function itself is tested in http/conversions.test.ts (admin access).
describe.skipIf(remoteAddress === undefined)(`path traversal from another machine (host bound to ${remoteAddress ?? 'none'})`, () => {
  const address = remoteAddress ?? '';
  let host: Host;
  let keyedHost: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app'), hostname: address });
  });
  afterAll(async () => {
    await host.close();
  });

  it('really is a remote caller: the plain admin path is refused', async () => {
    const exchange = await get(host.url, '/admin/host/status');
    expect(statusOf(exchange)).toBe(401);
  });

  it.each(towardsAdmin)('%s is refused (401) like the admin path it resolves to', async (target) => {
    const exchange = await get(host.url, target);
    expect(statusOf(exchange)).toBe(401);
    expect(bodyOf(exchange)).not.toContain('Running');
  });

  it('does not run a function through a traversal to the manual-run endpoint', async () => {
    const exchange = await rawExchange(
      host.url,
      'POST /api/%2e%2e/admin/functions/queueWork HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{"input":"owned"}',
    );
    expect(statusOf(exchange)).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.logs.some((log) => log.message.includes("Executing 'Functions.queueWork'"))).toBe(false);
  });

  describe('with an admin key', () => {
    beforeAll(async () => {
      await host.close();
      keyedHost = await startHost({ appDir: fixtureDir('cjs-app'), hostname: address, adminKey: 's3cret' });
    });
    afterAll(async () => {
      await keyedHost.close();
    });

    it.each(towardsAdmin.slice(0, 3))('%s answers only with the key', async (target) => {
      expect(statusOf(await get(keyedHost.url, target))).toBe(401);
      expect(statusOf(await get(keyedHost.url, target, 'x-functions-key: wrong\r\n'))).toBe(401);
      expect(statusOf(await get(keyedHost.url, target, 'x-functions-key: s3cret\r\n'))).toBe(200);
    });
  });
});
