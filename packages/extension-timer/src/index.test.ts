import { listExtensions } from '@azfx/extension-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resetExtensions, runInvocation } from '@azfx/extension-core/testing';
import { toWire } from './testSupport/toWire.js';

afterAll(() => {
  resetExtensions();
  vi.restoreAllMocks();
});

describe('importing @azfx/extension-timer', () => {
  it('registers the timer with its defaults, so it works without configure()', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { TimerExtension } = await import('./index.js');
    expect(TimerExtension.isConfigured).toBe(true);
    expect(TimerExtension.options).toEqual({
      appendToHttpResponse: false,
      serverTiming: true,
      serverTimingName: 'total',
      include: undefined,
      exclude: undefined,
      slowThresholdMs: undefined,
      logLevel: 'info',
    });

    const outcome = await runInvocation({ functionName: 'HttpTrigger', handler: () => ({ body: 'hello' }) });
    expect(outcome.logs.map((line) => line.message)).toEqual([
      expect.stringMatching(/^\[timer\] HttpTrigger \(invocation .+\) completed in \d+\.\d{3} ms$/),
    ]);
    const wire = await toWire(outcome.result);
    expect(wire.text).toBe('hello');
    expect(wire.headers.get('server-timing')).toMatch(/^total;dur=\d+\.\d{3}$/);
  });

  it('keeps its place when configure() changes the options later', async () => {
    const { TimerExtension } = await import('./index.js');
    const before = listExtensions();
    TimerExtension.configure({ appendToHttpResponse: true });
    expect(listExtensions().map(({ name, order }) => ({ name, order }))).toEqual(
      before.map(({ name, order }) => ({ name, order })),
    );
    expect(TimerExtension.options.appendToHttpResponse).toBe(true);
    // Options are resolved over the defaults, not over the previous configure().
    TimerExtension.configure({ slowThresholdMs: 100 });
    expect(TimerExtension.options.appendToHttpResponse).toBe(false);
  });
});
