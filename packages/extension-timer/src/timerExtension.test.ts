import { defineExtension, ExtensionConfigurationError } from '@azfx/extension-core';
import { HttpRequest, HttpResponse, type HttpResponseInit } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetExtensions, runInvocation, type InvocationOutcome } from '@azfx/extension-core/testing';
import { toWire } from './testSupport/toWire.js';
import { isMeasured, TimerExtension } from './timerExtension.js';

const seedAnswer = 'Hello, Azure. This HTTP triggered function executed successfully.';
const suffixPattern = / \(TimeElapsed: (\d+\.\d{6}) sec\)$/;
const serverTimingPattern = /^total;dur=(\d+\.\d{3})$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = (url = 'http://localhost/api/HttpTrigger?name=Azure') => new HttpRequest({ method: 'GET', url });

function timerLines(outcome: InvocationOutcome) {
  return outcome.logs.filter((line) => line.message.startsWith('[timer]'));
}

function expectNoFaults(outcome: InvocationOutcome) {
  // The SDK logs an extension's fault instead of failing the invocation: a silent timer bug would hide here.
  expect(outcome.logs.filter((line) => line.level === 'error')).toEqual([]);
}

beforeEach(() => {
  resetExtensions();
  // Outside a worker the library only warns that it registers no hooks; the tests call the SDK's hooks directly.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  resetExtensions();
  vi.restoreAllMocks();
});

describe('TimerExtension with its defaults', () => {
  beforeEach(() => {
    TimerExtension.configure();
  });

  it('logs the function name, invocation id and elapsed time through the invocation logger', async () => {
    const outcome = await runInvocation({ functionName: 'HttpTrigger', handler: () => ({ body: seedAnswer }) });
    expectNoFaults(outcome);
    expect(timerLines(outcome)).toEqual([
      {
        level: 'information',
        message: expect.stringMatching(
          new RegExp(`^\\[timer\\] HttpTrigger \\(invocation ${outcome.invocationContext.invocationId}\\) completed in \\d+\\.\\d{3} ms$`),
        ) as unknown,
      },
    ]);
  });

  it('adds a Server-Timing header and leaves the body alone', async () => {
    const outcome = await runInvocation({ handler: () => ({ body: seedAnswer }) });
    const wire = await toWire(outcome.result);
    expect(wire.text).toBe(seedAnswer);
    expect(wire.headers.get('server-timing')).toMatch(serverTimingPattern);
  });

  it('measures the time the handler really took', async () => {
    const outcome = await runInvocation({
      handler: async () => {
        await sleep(30);
        return { body: 'done' };
      },
    });
    const wire = await toWire(outcome.result);
    const [, dur = ''] = serverTimingPattern.exec(wire.headers.get('server-timing') ?? '') ?? [];
    // A lower bound only (timers may fire a little early): the point is that the handler's time is in it.
    expect(Number(dur)).toBeGreaterThanOrEqual(25);
  });

  it('times a timer-triggered function and leaves its result alone', async () => {
    const result = { body: 'not an HTTP response' };
    const outcome = await runInvocation({ functionName: 'Heartbeat', triggerType: 'timerTrigger', handler: () => result });
    expectNoFaults(outcome);
    expect(outcome.result).toBe(result);
    expect(timerLines(outcome)).toHaveLength(1);
    expect(timerLines(outcome)[0]?.message).toMatch(/^\[timer\] Heartbeat \(invocation .+\) completed in /);
  });

  it('reports a failed invocation and keeps its error and result', async () => {
    const failure = new Error('boom');
    const outcome = await runInvocation({
      handler: () => {
        throw failure;
      },
    });
    expectNoFaults(outcome);
    expect(outcome.error).toBe(failure);
    expect(outcome.result).toBeUndefined();
    expect(timerLines(outcome)[0]?.message).toMatch(/\) failed in \d+\.\d{3} ms$/);
  });

  it('leaves a function that returns nothing without a response (the host answers 204)', async () => {
    const outcome = await runInvocation({ handler: () => undefined });
    expectNoFaults(outcome);
    expect(outcome.result).toBeUndefined();
  });

  it('measures concurrent invocations separately', async () => {
    let releaseSlow: () => void = () => undefined;
    const slowStarted = runInvocation({
      functionName: 'Slow',
      handler: () =>
        new Promise((resolve) => {
          releaseSlow = () => {
            resolve({ body: 'slow' });
          };
        }),
    });
    const fast = await runInvocation({ functionName: 'Fast', handler: () => ({ body: 'fast' }) });
    await sleep(5);
    releaseSlow();
    const slow = await slowStarted;

    const durOf = async (outcome: InvocationOutcome) =>
      Number(serverTimingPattern.exec((await toWire(outcome.result)).headers.get('server-timing') ?? '')?.[1]);
    // Fast started after Slow and finished before it: its measurement must be the smaller one.
    expect(await durOf(fast)).toBeLessThan(await durOf(slow));
    expect(timerLines(fast)[0]?.message).toContain(`Fast (invocation ${fast.invocationContext.invocationId})`);
    expect(timerLines(slow)[0]?.message).toContain(`Slow (invocation ${slow.invocationContext.invocationId})`);
  });
});

describe('TimerExtension with appendToHttpResponse', () => {
  beforeEach(() => {
    TimerExtension.configure({ appendToHttpResponse: true });
  });

  it('answers the seed request with the elapsed time appended, as the Python sample does', async () => {
    const outcome = await runInvocation({ inputs: [get()], handler: () => ({ body: seedAnswer }) });
    expectNoFaults(outcome);
    const wire = await toWire(outcome.result);
    expect(wire.text.startsWith(`${seedAnswer} (TimeElapsed: `)).toBe(true);
    expect(wire.text.slice(seedAnswer.length)).toMatch(suffixPattern);
  });

  it('reports one measurement in the body, the header and the log', async () => {
    const outcome = await runInvocation({ inputs: [get()], handler: () => ({ body: seedAnswer }) });
    const wire = await toWire(outcome.result);
    const seconds = suffixPattern.exec(wire.text)?.[1];
    const milliseconds = serverTimingPattern.exec(wire.headers.get('server-timing') ?? '')?.[1];
    expect(seconds).toBeDefined();
    expect(Number(seconds) * 1000).toBeCloseTo(Number(milliseconds), 6);
    expect(timerLines(outcome)[0]?.message).toContain(`completed in ${milliseconds} ms`);
  });

  it('appends to an HttpResponse instance too', async () => {
    const outcome = await runInvocation({
      inputs: [get()],
      handler: () => new HttpResponse({ status: 201, body: seedAnswer, cookies: [{ name: 'a', value: 'b' }] }),
    });
    expect(outcome.result).toBeInstanceOf(HttpResponse);
    const response = outcome.result as HttpResponse;
    expect(response.status).toBe(201);
    expect(response.cookies).toEqual([{ name: 'a', value: 'b' }]);
    expect(await response.text()).toMatch(new RegExp(`^${seedAnswer.replaceAll('.', '\\.')} \\(TimeElapsed: `));
  });

  it('keeps JSON valid and adds only the header', async () => {
    const outcome = await runInvocation({ inputs: [get()], handler: () => ({ jsonBody: { greeting: 'hi' } }) });
    const wire = await toWire(outcome.result);
    expect(JSON.parse(wire.text)).toEqual({ greeting: 'hi' });
    expect(wire.headers.get('server-timing')).toMatch(serverTimingPattern);
  });

  it('keeps the body of a response to HEAD', async () => {
    const head = new HttpRequest({ method: 'HEAD', url: 'http://localhost/api/HttpTrigger' });
    const outcome = await runInvocation({ inputs: [head], handler: () => ({ body: 'text' }) });
    expect((await toWire(outcome.result)).text).toBe('text');
  });

  it('does not touch the response of a failed invocation (the host answers 500)', async () => {
    const outcome = await runInvocation({
      inputs: [get()],
      handler: () => {
        throw new Error('boom');
      },
    });
    expect(outcome.result).toBeUndefined();
  });

  it('gives a cached response one suffix per invocation, however often it is returned', async () => {
    const cached: HttpResponseInit = { body: 'cached' };
    for (let i = 0; i < 3; i++) {
      const wire = await toWire((await runInvocation({ inputs: [get()], handler: () => cached })).result);
      expect(wire.text).toMatch(/^cached \(TimeElapsed: \d+\.\d{6} sec\)$/);
      expect(wire.headers.get('server-timing')).toMatch(serverTimingPattern);
    }
    expect(cached).toEqual({ body: 'cached' });
  });
});

describe('TimerExtension options', () => {
  it('turns the Server-Timing header off', async () => {
    TimerExtension.configure({ serverTiming: false });
    const wire = await toWire((await runInvocation({ handler: () => ({ body: 'x' }) })).result);
    expect(wire.headers.has('server-timing')).toBe(false);
  });

  it('names the Server-Timing metric and appends it after the handler’s own', async () => {
    TimerExtension.configure({ serverTimingName: 'app' });
    const outcome = await runInvocation({ handler: () => ({ body: 'x', headers: { 'Server-Timing': 'db;dur=4' } }) });
    expect((await toWire(outcome.result)).headers.get('server-timing')).toMatch(/^db;dur=4, app;dur=\d+\.\d{3}$/);
  });

  it('measures only the included functions', async () => {
    TimerExtension.configure({ include: ['httptrigger'] });
    expect(timerLines(await runInvocation({ functionName: 'HttpTrigger' }))).toHaveLength(1);
    const other = await runInvocation({ functionName: 'Other', handler: () => ({ body: 'x' }) });
    expect(timerLines(other)).toEqual([]);
    expect((await toWire(other.result)).headers.has('server-timing')).toBe(false);
  });

  it('skips the excluded functions', async () => {
    TimerExtension.configure({ exclude: 'Heartbeat' });
    expect(timerLines(await runInvocation({ functionName: 'Heartbeat', triggerType: 'timerTrigger' }))).toEqual([]);
    expect(timerLines(await runInvocation({ functionName: 'HttpTrigger' }))).toHaveLength(1);
  });

  it('warns about invocations slower than slowThresholdMs', async () => {
    TimerExtension.configure({ slowThresholdMs: 5 });
    const slow = await runInvocation({ functionName: 'Slow', handler: () => sleep(20) });
    expect(slow.logs.filter((line) => line.level === 'warning').map((line) => line.message)).toEqual([
      expect.stringMatching(/^\[timer\] Slow \(invocation .+\) was slow: \d+\.\d{3} ms, above the 5 ms threshold$/),
    ]);
  });

  it('does not warn below the threshold', async () => {
    TimerExtension.configure({ slowThresholdMs: 60_000 });
    const outcome = await runInvocation();
    expect(outcome.logs.filter((line) => line.level === 'warning')).toEqual([]);
  });

  it('logs at the chosen level, or only slow invocations with "none"', async () => {
    TimerExtension.configure({ logLevel: 'debug' });
    expect(timerLines(await runInvocation()).map((line) => line.level)).toEqual(['debug']);
    TimerExtension.configure({ logLevel: 'none' });
    expect(timerLines(await runInvocation())).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a non-boolean appendToHttpResponse',
      { appendToHttpResponse: 'yes' },
      /Extension "timer": option "appendToHttpResponse" must be a boolean, but got "yes"/,
    ],
    [
      'a metric name that is not a token',
      { serverTimingName: 'my total' },
      /option "serverTimingName" must be a Server-Timing metric name: an RFC 7230 token/,
    ],
    ['a negative threshold', { slowThresholdMs: -1 }, /option "slowThresholdMs" must be a number of at least 0/],
    [
      'an unknown log level',
      { logLevel: 'verbose' },
      /option "logLevel" must be one of "info", "debug", "trace", "none"/,
    ],
    [
      'a misspelt option',
      { appendToHttpRespons: true },
      /unknown option "appendToHttpRespons"\. Did you mean "appendToHttpResponse"\?/,
    ],
  ])('rejects %s with a message that says what to fix', (_name, options, message) => {
    const configure = () => TimerExtension.configure(options);
    expect(configure).toThrow(ExtensionConfigurationError);
    expect(configure).toThrow(message);
  });
});

describe('TimerExtension in the onion', () => {
  it('registered first, measures the extensions registered after it', async () => {
    const slowInner = defineExtension({
      name: 'slow-inner',
      async preInvocation() {
        await sleep(30);
      },
    });
    TimerExtension.configure();
    slowInner.configure();
    const wire = await toWire((await runInvocation({ handler: () => ({ body: 'x' }) })).result);
    expect(Number(serverTimingPattern.exec(wire.headers.get('server-timing') ?? '')?.[1])).toBeGreaterThanOrEqual(25);
  });

  it('measures and rewrites the answer of an inner extension that short-circuits', async () => {
    const cache = defineExtension({
      name: 'cache',
      preInvocation(ctx) {
        ctx.respond({ body: 'from cache' });
      },
    });
    TimerExtension.configure({ appendToHttpResponse: true });
    cache.configure();
    const outcome = await runInvocation({ inputs: [get()], handler: () => ({ body: 'from handler' }) });
    expect((await toWire(outcome.result)).text).toMatch(/^from cache \(TimeElapsed: \d+\.\d{6} sec\)$/);
    expect(timerLines(outcome)[0]?.message).toMatch(/\) answered early in /);
  });

  it('does not stack a second suffix on its own response coming back to it', async () => {
    // An outer extension remembers the final response; an inner one answers with it on the next request.
    let remembered: unknown;
    const remember = defineExtension({
      name: 'remember',
      postInvocation(ctx) {
        remembered ??= ctx.result;
      },
    });
    const replay = defineExtension({
      name: 'replay',
      preInvocation(ctx) {
        if (remembered !== undefined) ctx.respond(remembered);
      },
    });
    remember.configure();
    TimerExtension.configure({ appendToHttpResponse: true });
    replay.configure();
    await runInvocation({ inputs: [get()], handler: () => ({ body: 'x' }) });
    const second = await runInvocation({ inputs: [get()], handler: () => ({ body: 'x' }) });
    expect(second.result).toBe(remembered);
    expect((await toWire(second.result)).text).toMatch(/^x \(TimeElapsed: \d+\.\d{6} sec\)$/);
  });
});

describe('isMeasured', () => {
  it('measures every function when no list is given', () => {
    expect(isMeasured('HttpTrigger', { include: undefined, exclude: undefined })).toBe(true);
  });

  it('measures only included functions, ignoring case', () => {
    const selection = { include: ['httptrigger', 'Heartbeat'], exclude: undefined };
    expect(isMeasured('HttpTrigger', selection)).toBe(true);
    expect(isMeasured('HEARTBEAT', selection)).toBe(true);
    expect(isMeasured('Other', selection)).toBe(false);
  });

  it('measures nothing with an empty include list', () => {
    expect(isMeasured('HttpTrigger', { include: [], exclude: undefined })).toBe(false);
  });

  it('skips excluded functions, ignoring case, even when included', () => {
    expect(isMeasured('HttpTrigger', { include: undefined, exclude: ['HTTPTRIGGER'] })).toBe(false);
    expect(isMeasured('HttpTrigger', { include: ['HttpTrigger'], exclude: ['httptrigger'] })).toBe(false);
    expect(isMeasured('Other', { include: undefined, exclude: ['HttpTrigger'] })).toBe(true);
  });

  it('reads and lower-cases the lists once per configuration, not on every invocation', () => {
    let entriesRead = 0;
    const counted = (list: string[]) =>
      new Proxy(list, {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) entriesRead += 1;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    const selection = { include: counted(['HttpTrigger', 'Heartbeat']), exclude: counted(['Heartbeat']) };
    const answers = ['HttpTrigger', 'Heartbeat', 'Other', 'httptrigger'].map((name) => isMeasured(name, selection));
    expect(answers).toEqual([true, false, false, true]);
    expect(entriesRead).toBe(3);
  });

  it('answers for a new configuration with its own lists', () => {
    expect(isMeasured('HttpTrigger', { include: ['Other'], exclude: undefined })).toBe(false);
    expect(isMeasured('HttpTrigger', { include: ['HttpTrigger'], exclude: undefined })).toBe(true);
  });
});
