import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSample } from './testing/sampleHost.js';

let host: Host;

beforeAll(async () => {
  host = await startSample();
});

afterAll(async () => {
  // Undefined when the host failed to start: that failure is the one to report.
  await (host as Host | undefined)?.close();
});

describe('the app’s own request-id extension (function scope: HttpTrigger)', () => {
  it('answers with the invocation id when the caller sends none', async () => {
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(host.logs.some((record) => record.message === `[request-id] HttpTrigger handles request ${requestId}`)).toBe(
      true,
    );
  });

  it('keeps the id the caller sent', async () => {
    const response = await host.fetch('/api/HttpTrigger', { headers: { 'x-request-id': 'ticket-42' } });
    expect(response.headers.get('x-request-id')).toBe('ticket-42');
  });

  it('replaces an id that is not safe to echo', async () => {
    const response = await host.fetch('/api/HttpTrigger', { headers: { 'x-request-id': 'a b<script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
