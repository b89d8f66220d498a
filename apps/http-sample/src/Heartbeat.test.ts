import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startSample, timerLines } from './testing/sampleHost.js';

let host: Host;

beforeAll(async () => {
  host = await startSample();
});

afterAll(async () => {
  // Undefined when the host failed to start: that failure is the one to report.
  await (host as Host | undefined)?.close();
});

describe('Heartbeat, a timer-triggered function', () => {
  it('is listed as a timer trigger', () => {
    expect(host.functions).toContainEqual({ name: 'Heartbeat', triggerType: 'timerTrigger' });
  });

  it('runs by hand through the admin endpoint, and the timer logs its elapsed time', async () => {
    const response = await host.fetch('/admin/functions/Heartbeat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: '' }),
    });
    expect(response.status).toBe(202);
    await eventually(
      () => timerLines(host.logs).some((record) => record.functionName === 'Heartbeat'),
      "the timer's line for Heartbeat",
    );
    const line = timerLines(host.logs).find((record) => record.functionName === 'Heartbeat');
    expect(line?.message).toMatch(/^\[timer\] Heartbeat \(invocation [\w-]+\) completed in \d+\.\d{3} ms$/);
    const ownLines = host.logs.filter((record) => record.invocationId === line?.invocationId);
    expect(ownLines.map((record) => record.message)).toContain('Heartbeat: the app is alive.');
  });

  it('keeps its result: the timer only changes HTTP responses', async () => {
    const outcome = await host.invoke('Heartbeat');
    expect(outcome.failed).toBe(false);
    expect(outcome.result).toBeUndefined();
    expect(timerLines(outcome.logs)).toHaveLength(1);
  });
});
