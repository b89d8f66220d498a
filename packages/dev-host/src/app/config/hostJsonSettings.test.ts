import { describe, expect, it } from 'vitest';
import { HostStartupError } from '../HostStartupError.js';
import { defaultFunctionTimeoutMs, formatTimeSpan, hostJsonSettings, parseTimeSpan } from './hostJsonSettings.js';

describe('host.json functionTimeout', () => {
  it('reads TimeSpans as the host writes them', () => {
    expect(parseTimeSpan('00:00:01')).toBe(1000);
    expect(parseTimeSpan('00:05')).toBe(5 * 60_000);
    expect(parseTimeSpan('1.02:00:00')).toBe(26 * 3_600_000);
    expect(parseTimeSpan('00:00:01.5')).toBe(1500);
    expect(parseTimeSpan('00:60:00')).toBeUndefined();
    expect(parseTimeSpan('300')).toBeUndefined();
    expect(formatTimeSpan(90_061_000)).toBe('1.01:01:01');
  });

  it("defaults to the host's 30 minutes outside the Consumption plan", () => {
    const settings = hostJsonSettings({ version: '2.0' }, '/app');
    expect(settings.functionTimeoutMs).toBe(defaultFunctionTimeoutMs);
    expect(settings.functionTimeoutText).toBe('00:30:00');
    expect(settings.warnings).toEqual([]);
  });

  it('runs "-1" (no timeout) and timeouts over 10 minutes, saying once that Consumption refuses them', () => {
    const none = hostJsonSettings({ version: '2.0', functionTimeout: '-1' }, '/app');
    expect(none.functionTimeoutMs).toBeUndefined();
    expect(none.warnings).toEqual([expect.stringContaining('no timeout): Azure refuses to start such an app on the Consumption plan (its maximum is 00:10:00)')]);
    const long = hostJsonSettings({ version: '2.0', functionTimeout: '01:00:00' }, '/app');
    expect(long.functionTimeoutMs).toBe(3_600_000);
    expect(long.warnings).toEqual([expect.stringContaining('host.json functionTimeout is 01:00:00: Azure refuses to start such an app on the Consumption plan')]);
  });

  it('refuses what the host refuses, and what it would read as days', () => {
    for (const value of ['00:00:00', '300', 300, 'soon']) {
      expect(() => hostJsonSettings({ version: '2.0', functionTimeout: value }, '/app')).toThrow(HostStartupError);
    }
  });
});
