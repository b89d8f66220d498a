import { resetExtensions, runInvocation } from '@azfx/extension-core/testing';
import { HttpRequest } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Formatting from './formatting.js';
import { elapsedSuffix, serverTimingMetric } from './formatting.js';
import { TimerExtension } from './timerExtension.js';

// The formatters, still doing their work, but counted: the timer runs on every invocation, and what no response
// takes should not be formatted.
vi.mock('./formatting.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Formatting>();
  return { ...actual, elapsedSuffix: vi.fn(actual.elapsedSuffix), serverTimingMetric: vi.fn(actual.serverTimingMetric) };
});

const request = (method: string) => new HttpRequest({ method, url: 'http://localhost/api/HttpTrigger' });

beforeEach(() => {
  resetExtensions();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  TimerExtension.configure({ appendToHttpResponse: true });
  vi.mocked(elapsedSuffix).mockClear();
  vi.mocked(serverTimingMetric).mockClear();
});

afterEach(() => {
  resetExtensions();
});

describe('the timer formats only what a response takes', () => {
  it('formats the suffix for a text body it appends to', async () => {
    await runInvocation({ inputs: [request('GET')], handler: () => ({ body: 'text' }) });
    expect(elapsedSuffix).toHaveBeenCalledTimes(1);
    expect(serverTimingMetric).toHaveBeenCalledTimes(1);
  });

  it.each<[string, string, unknown]>([
    ['a JSON body', 'GET', { jsonBody: { a: 1 } }],
    ['a binary body', 'GET', { body: Buffer.from([1, 2, 3]) }],
    ['a response to HEAD', 'HEAD', { body: 'text' }],
    ['a 204', 'GET', { status: 204 }],
  ])('formats no suffix for %s', async (_name, method, result) => {
    await runInvocation({ inputs: [request(method)], handler: () => result });
    expect(elapsedSuffix).not.toHaveBeenCalled();
    expect(serverTimingMetric).toHaveBeenCalledTimes(1);
  });

  it('formats nothing for a function that returns no response (the host answers 204 itself)', async () => {
    await runInvocation({ inputs: [request('GET')], handler: () => undefined });
    expect(elapsedSuffix).not.toHaveBeenCalled();
    expect(serverTimingMetric).not.toHaveBeenCalled();
  });

  it('formats nothing for a function that is not an HTTP function', async () => {
    await runInvocation({ triggerType: 'timerTrigger', handler: () => ({ body: 'text' }) });
    expect(elapsedSuffix).not.toHaveBeenCalled();
    expect(serverTimingMetric).not.toHaveBeenCalled();
  });
});
