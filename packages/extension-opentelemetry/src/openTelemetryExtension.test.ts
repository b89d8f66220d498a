import { HttpRequest, HttpResponse } from '@azure/functions';
import { defineExtension, ExtensionConfigurationError } from '@azfx/extension-core';
import { resetExtensions, runInvocation } from '@azfx/extension-core/testing';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenTelemetryExtension, type TracedInvocation, type TracedOutcome } from './openTelemetryExtension.js';
import { registerTracing } from './testSupport/tracing.js';

// The options and the edges of the hooks, driven with the SDK's runInvocation and the library's own classes. The
// whole-app behaviour (trace context from the host, children across awaits, concurrency) is in the *.app tests.
const tracing = registerTracing();

const get = (url = 'http://localhost:7071/api/orders?id=1', headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url, headers });

beforeEach(() => {
  resetExtensions();
  tracing.reset();
  // Outside a worker the library only warns that it registers no hooks; runInvocation calls the SDK's hooks directly.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  resetExtensions();
  vi.restoreAllMocks();
});

describe('OpenTelemetryExtension options', () => {
  it('names the span with spanName, and tells it and the hooks about the invocation', async () => {
    const started: TracedInvocation[] = [];
    const ended: TracedOutcome[] = [];
    OpenTelemetryExtension.configure({
      spanName: ({ http, functionName }) => (http === undefined ? functionName : `${http.method} ${http.route}`),
      onStart: (span, invocation) => {
        span.setAttribute('app.tenant', 'contoso');
        started.push(invocation);
      },
      onEnd: (span, outcome) => {
        span.setAttribute('app.items', 3);
        ended.push(outcome);
      },
    });
    const outcome = await runInvocation({ functionName: 'orders', inputs: [get()], handler: () => new HttpResponse({ status: 201 }) });
    const [span] = await tracing.finishedSpans();
    expect(span?.name).toBe('GET /api/orders');
    expect(span?.attributes).toMatchObject({ 'app.tenant': 'contoso', 'app.items': 3, 'http.response.status_code': 201 });
    expect(started).toEqual([
      {
        functionName: 'orders',
        invocationId: outcome.invocationContext.invocationId,
        triggerType: 'httpTrigger',
        faasTrigger: 'http',
        triggerInput: expect.any(HttpRequest) as unknown,
        http: { method: 'GET', route: '/api/orders' },
      },
    ]);
    expect(ended).toMatchObject([{ functionName: 'orders', failed: false, statusCode: 201, error: undefined }]);
  });

  it('keeps tracing when a hook of the app throws, and says so in the invocation log', async () => {
    OpenTelemetryExtension.configure({
      spanName: () => {
        throw new Error('no name');
      },
      onStart: () => {
        throw new Error('no start');
      },
      onEnd: () => {
        throw new Error('no end');
      },
    });
    const outcome = await runInvocation({ functionName: 'orders', inputs: [get()], handler: () => ({ body: 'ok' }) });
    expect(outcome.failed).toBe(false);
    const [span] = await tracing.finishedSpans();
    expect(span?.name).toBe('orders');
    expect(span?.ended).toBe(true);
    const warnings = outcome.logs.filter((line) => line.level === 'warning').map((line) => line.message);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^\[opentelemetry\] The spanName option threw; the span goes on without it: Error: no name/);
    expect(outcome.logs.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('records a result the library will turn into 204 (none) and a thrown non-Error as _OTHER', async () => {
    OpenTelemetryExtension.configure();
    await runInvocation({ inputs: [get()], handler: () => undefined });
    const thrown = await runInvocation({
      inputs: [get()],
      handler: () => {
        throw 'a string'; // eslint-disable-line @typescript-eslint/only-throw-error -- what some code throws
      },
    });
    expect(thrown.failed).toBe(true);
    const [empty, failed] = await tracing.finishedSpans();
    expect(empty?.attributes['http.response.status_code']).toBe(204);
    expect(failed?.attributes).toMatchObject({ 'error.type': '_OTHER', 'http.response.status_code': 500 });
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.events[0]?.attributes).toMatchObject({ 'exception.message': 'a string' });
  });

  it('records the kind of trigger: CONSUMER for a queue message, SERVER for others, no HTTP attributes', async () => {
    OpenTelemetryExtension.configure();
    await runInvocation({ functionName: 'orderQueue', triggerType: 'queueTrigger', inputs: [{ id: 1 }] });
    await runInvocation({ functionName: 'orderBlob', triggerType: 'blobTrigger', inputs: [Buffer.from('x')] });
    const spans = await tracing.finishedSpans();
    expect(spans.map((span) => [span.name, span.kind, span.attributes['faas.trigger'], span.attributes['http.request.method']])).toEqual([
      ['orderQueue', 1 + 3, 'pubsub', undefined], // SpanKind.CONSUMER
      ['orderBlob', 1, 'datasource', undefined], // SpanKind.SERVER
    ]);
  });

  it('ends the span with the answer of an inner extension that responded in the handler’s place', async () => {
    OpenTelemetryExtension.configure();
    defineExtension({
      name: 'refuses',
      preInvocation(ctx) {
        ctx.respond({ status: 401 });
      },
    }).configure();
    const outcome = await runInvocation({ inputs: [get()], handler: () => ({ body: 'never' }) });
    expect(outcome.handlerCalled).toBe(false);
    const [span] = await tracing.finishedSpans();
    expect(span?.attributes['http.response.status_code']).toBe(401);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('traces only the included functions, never the excluded ones', async () => {
    OpenTelemetryExtension.configure({ include: ['Orders', 'checkout'], exclude: ['checkout'] });
    for (const functionName of ['orders', 'checkout', 'other']) await runInvocation({ functionName, inputs: [get()] });
    expect((await tracing.finishedSpans()).map((span) => span.name)).toEqual(['orders']);
  });

  it('makes the span current for the handler only, not after', async () => {
    OpenTelemetryExtension.configure();
    const outcome = await runInvocation({ inputs: [get()], handler: () => trace.getActiveSpan()?.spanContext().spanId });
    expect(outcome.result).toBe((await tracing.finishedSpans())[0]?.spanContext().spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it.each([
    ['spanName', 'orders'],
    ['onStart', 42],
    ['requestHeaders', ['bad header']],
    ['responseHeaders', 'x-one'],
    ['routePrefix', 'api?x'],
    ['metrics', 'yes'],
  ])('refuses an invalid %s when configured, naming it', (name, value) => {
    expect(() => OpenTelemetryExtension.configure({ [name]: value })).toThrow(ExtensionConfigurationError);
    expect(() => OpenTelemetryExtension.configure({ [name]: value })).toThrow(name);
  });
});
