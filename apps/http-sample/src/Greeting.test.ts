import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverTiming, startSample, timerLines } from './testing/sampleHost.js';

let host: Host;

beforeAll(async () => {
  host = await startSample();
});

afterAll(async () => {
  // Undefined when the host failed to start: that failure is the one to report.
  await (host as Host | undefined)?.close();
});

describe('Greeting, a JSON endpoint', () => {
  it('keeps its body valid JSON while the timer appends to text responses', async () => {
    const response = await host.fetch('/api/greeting/Bob');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ greeting: 'Hello, Bob.', name: 'Bob' });
  });

  it('gets the Server-Timing header and a timer log line', async () => {
    const response = await host.fetch('/api/greeting');
    expect(await response.json()).toEqual({ greeting: 'Hello, Azure.', name: 'Azure' });
    expect(response.headers.get('server-timing')).toMatch(serverTiming);
    expect(timerLines(host.logs).some((record) => record.functionName === 'Greeting')).toBe(true);
  });

  it('is outside the request-id extension’s scope', async () => {
    const response = await host.fetch('/api/greeting/Bob');
    expect(response.headers.has('x-request-id')).toBe(false);
  });
});
