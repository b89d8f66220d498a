import type { Host } from '@azfx/dev-host';
import { afterEach, describe, expect, it } from 'vitest';
import { startSample, timerLines } from './testing/sampleHost.js';

// AZFX_EXTENSIONS_DISABLED is the operator's switch: it turns extensions off without a redeploy.
let host: Host | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('the sample with extensions turned off by the app setting', () => {
  it('answers the seed text unchanged and without Server-Timing when the timer is off', async () => {
    host = await startSample({ env: { AZFX_EXTENSIONS_DISABLED: 'timer' } });
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    expect(await response.text()).toBe('Hello, Azure. This HTTP triggered function executed successfully.');
    expect(response.headers.has('server-timing')).toBe(false);
    expect(timerLines(host.logs)).toEqual([]);
    // Only the named extension is off.
    expect(response.headers.has('x-request-id')).toBe(true);
  });

  it('turns every extension off with *', async () => {
    host = await startSample({ env: { AZFX_EXTENSIONS_DISABLED: '*' } });
    const response = await host.fetch('/api/HttpTrigger?name=Azure');
    expect(await response.text()).toBe('Hello, Azure. This HTTP triggered function executed successfully.');
    expect(response.headers.has('server-timing')).toBe(false);
    expect(response.headers.has('x-request-id')).toBe(false);
  });
});
