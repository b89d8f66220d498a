import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnswer, serverTiming, startSample, timerLines } from './testing/sampleHost.js';

const generic =
  'This HTTP triggered function executed successfully. ' +
  'Pass a name in the query string or in the request body for a personalized response.';
const suffix = / \(TimeElapsed: \d+\.\d{6} sec\)$/;

let host: Host;

beforeAll(async () => {
  host = await startSample();
});

afterAll(async () => {
  // Undefined when the host failed to start: that failure is the one to report.
  await (host as Host | undefined)?.close();
});

describe('HttpTrigger on the dev host, with the timer appending to the response', () => {
  it('answers GET /api/HttpTrigger?name=Azure like the seed, with the elapsed time and Server-Timing', async () => {
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toMatch(seedAnswer);
    expect(response.headers.get('server-timing')).toMatch(serverTiming);
    expect(response.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });

  it('reports one measurement in the body, the header and the function log', async () => {
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    const seconds = seedAnswer.exec(await response.text())?.[1];
    const milliseconds = serverTiming.exec(response.headers.get('server-timing') ?? '')?.[1];
    expect(Number(seconds) * 1000).toBeCloseTo(Number(milliseconds), 6);

    // The request-id extension answers with the invocation id: the timer's line for exactly this invocation.
    const invocationId = response.headers.get('x-request-id') ?? '';
    const lines = timerLines(host.logs, invocationId).map((record) => [record.level, record.functionName, record.message]);
    expect(lines).toEqual([
      ['information', 'HttpTrigger', `[timer] HttpTrigger (invocation ${invocationId}) completed in ${milliseconds} ms`],
    ]);
  });

  it('greets the name in a JSON body, as the seed does', async () => {
    const response = await host.fetch('/api/HttpTrigger', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Body' }),
    });
    expect(await response.text()).toMatch(
      /^Hello, Body\. This HTTP triggered function executed successfully\. \(TimeElapsed: \d+\.\d{6} sec\)$/,
    );
  });

  it('prefers the query string to the body', async () => {
    const response = await host.fetch('/api/HttpTrigger?name=Query', { method: 'POST', body: '{"name":"Body"}' });
    expect(await response.text()).toMatch(/^Hello, Query\. /);
  });

  it.each([
    ['no name at all', '/api/HttpTrigger', undefined],
    ['an empty name', '/api/HttpTrigger?name=', undefined],
    ['a body that is not JSON', '/api/HttpTrigger', 'name=Form'],
    ['a JSON body without a name', '/api/HttpTrigger', '{"other":1}'],
  ])('answers the generic message for %s', async (_case, path, body) => {
    const response = await host.fetch(path, body === undefined ? {} : { method: 'POST', body });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.replace(suffix, '')).toBe(generic);
    expect(text).toMatch(suffix);
  });
});
