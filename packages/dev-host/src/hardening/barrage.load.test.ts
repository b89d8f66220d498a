import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../index.js';
import { fixtureDir } from '../test-support/fixtures.js';
import { malformed } from './malformedPayloads.js';
import { rawExchange, statusOf, trickle, type RawExchange } from './rawHttp.js';

// Everything bad at once, over and over, against one host: it must answer every request, stay up, and hold no more
// memory afterwards than before (measured after forced collections; `--expose-gc` is switched on from here).
setFlagsFromString('--expose-gc');
const collectGarbage = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

const ROUNDS = 8;
const LIMIT = 64 * 1024;
/** Generous: the barrage sends ~30 MB; a host that kept even one body or one socket per request would exceed it. */
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;
const MAX_RSS_GROWTH_BYTES = 150 * 1024 * 1024;

async function settledHeapBytes(): Promise<number> {
  for (let round = 0; round < 4; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('a barrage of bad input', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: fixtureDir('cjs-app'), maxBodyBytes: LIMIT, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(async () => {
    await host.close();
  });

  /** One round: every malformed request, traversals, oversized headers and bodies, slow clients, good requests. */
  async function round(index: number): Promise<string[]> {
    const unexpected: string[] = [];
    const expectStatus = async (what: string, status: number, exchange: Promise<RawExchange>): Promise<void> => {
      const got = statusOf(await exchange);
      if (got !== status) unexpected.push(`${what}: ${String(got)} instead of ${String(status)}`);
    };
    const work: Promise<void>[] = [
      ...malformed.map(([name, payload, status]) => expectStatus(name, status, rawExchange(host.url, payload))),
      expectStatus('traversal to admin', 200, rawExchange(host.url, 'GET /api/%2e%2e/admin/host/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')),
      expectStatus('traversal out', 404, rawExchange(host.url, 'GET /api/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')),
      expectStatus('huge header', 431, rawExchange(host.url, `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`)),
      expectStatus('huge declared body', 413, rawExchange(host.url, 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000000\r\n\r\n')),
      expectStatus(
        'body at the limit',
        200,
        rawExchange(host.url, `POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: ${String(LIMIT)}\r\nConnection: close\r\n\r\n${'y'.repeat(LIMIT)}`),
      ),
      expectStatus('bad admin payload', 400, rawExchange(host.url, 'POST /admin/functions/queueWork HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n[1]')),
      ...Array.from({ length: 10 }, () =>
        expectStatus('slow headers', 408, trickle(host.url, `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Slow: ${'s'.repeat(200)}`, 20)),
      ),
      ...Array.from({ length: 20 }, async (_unused, request) => {
        const res = await host.fetch(`/api/echo/r${String(index)}-${String(request)}`, { method: 'POST', body: 'z'.repeat(1024 * request) });
        const echoed = (await res.json()) as { body: string };
        if (res.status !== 200 || echoed.body.length !== 1024 * request) unexpected.push(`good request ${String(request)}: ${String(res.status)}`);
      }),
    ];
    await Promise.all(work);
    return unexpected;
  }

  it(`answers ${String(ROUNDS)} rounds of it correctly, stays up, and holds no memory afterwards`, { timeout: 60_000 }, async () => {
    expect(await round(-1)).toEqual([]);
    const heapBefore = await settledHeapBytes();
    const rssBefore = process.memoryUsage().rss;

    const unexpected: string[] = [];
    for (let index = 0; index < ROUNDS; index++) unexpected.push(...(await round(index)));

    const heapAfter = await settledHeapBytes();
    const rssAfter = process.memoryUsage().rss;
    // The host keeps its last 10,000 log records (host.logs): part of the growth, and bounded.
    console.info(
      `[reliability] dev host after ${String(ROUNDS)} rounds of bad input: heap after forced GC ${mb(heapBefore)} -> ` +
        `${mb(heapAfter)} (${String(host.logs.length)} log records kept), RSS ${mb(rssBefore)} -> ${mb(rssAfter)}`,
    );
    expect(unexpected).toEqual([]);
    expect(heapAfter - heapBefore).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    expect(rssAfter - rssBefore).toBeLessThan(MAX_RSS_GROWTH_BYTES);
    expect(await (await host.fetch('/api/hello?name=survivor')).text()).toBe('Hello, survivor!');
    expect(host.logs.filter((log) => log.message.startsWith('Unexpected error'))).toEqual([]);
  });
});
