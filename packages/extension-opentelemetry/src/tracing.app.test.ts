import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHost, type Host } from '@azfx/dev-host';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installTracedApp, type LibraryVersion } from './testSupport/installTracedApp.js';
import { registerTracing, spanOfInvocation, traceParent } from './testSupport/tracing.js';

// Whole apps on the dev host, the app's extension recording with the tracer provider this process registers (the
// dev host runs the app in this process), against the lowest and the latest @azure/functions.
const tracing = registerTracing();

const newTraceId = () => randomBytes(16).toString('hex');
const newSpanId = () => randomBytes(8).toString('hex');

interface Seen {
  activeSpan: { traceId: string; spanId: string } | null;
  hostTraceParent: string | null;
}

/** The one span of the invocation whose handler saw `seen`: the span that was current in the handler. */
async function spanSeenBy(seen: Seen): Promise<ReadableSpan> {
  const spans = await tracing.finishedSpans();
  const span = spans.find((candidate) => candidate.spanContext().spanId === seen.activeSpan?.spanId);
  if (span === undefined) throw new Error(`No finished span is the one the handler saw: ${JSON.stringify(seen)}`);
  return span;
}

function faultLines(host: Host): string[] {
  return host.logs.filter((record) => record.level === 'error' || record.level === 'warning').map((record) => record.message);
}

describe.each<LibraryVersion>(['latest', '4.1.0'])('traced on the dev host with @azure/functions %s', (library) => {
  const app = installTracedApp(library);
  let host: Host;
  let downstream: Server;
  let downstreamUrl: string;
  const downstreamHeaders: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    host = await startHost({ appDir: app.dir });
    downstream = createServer((request, response) => {
      downstreamHeaders.push(request.headers);
      response.end('downstream answer');
    });
    await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
    downstreamUrl = `http://127.0.0.1:${String((downstream.address() as AddressInfo).port)}/resource`;
  });
  afterAll(async () => {
    await host.close();
    await new Promise((resolve) => downstream.close(resolve));
    app.remove();
  });
  beforeEach(() => {
    tracing.reset();
  });

  it('continues the caller’s trace: one SERVER span, a child of the host’s span, current inside the handler', async () => {
    const traceId = newTraceId();
    const response = await host.fetch('/api/greetings/ada?turns=3', {
      headers: { traceparent: traceParent(traceId, newSpanId()), tracestate: 'vendor=opaque', 'user-agent': 'test-agent/1' },
    });
    expect(response.status).toBe(200);
    const seen = (await response.json()) as Seen;
    const span = await spanSeenBy(seen);

    // The host passes the caller's trace on with a span of its own, as Azure's host does; the function's span is its child.
    const [, hostTraceId, hostSpanId] = (seen.hostTraceParent ?? '').split('-');
    expect(hostTraceId).toBe(traceId);
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext).toMatchObject({ traceId, spanId: hostSpanId, isRemote: true });
    expect(span.spanContext().traceState?.get('vendor')).toBe('opaque');

    expect(span.name).toBe('hello');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.instrumentationScope.name).toBe('@azfx/extension-opentelemetry');
    expect(span.attributes).toMatchObject({
      'faas.trigger': 'http',
      'faas.name': 'hello',
      'faas.invocation.id': expect.stringMatching(/^[\w-]+$/) as unknown,
      'http.request.method': 'GET',
      'http.route': '/api/greetings/{name?}',
      'url.scheme': 'http',
      'url.path': '/api/greetings/ada',
      'url.query': 'turns=3',
      'server.address': '127.0.0.1',
      'user_agent.original': 'test-agent/1',
      'http.response.status_code': 200,
    });
    expect(typeof span.attributes['faas.coldstart']).toBe('boolean');
    expect(span.ended).toBe(true);
  });

  it('marks the first invocation of the process as the cold start, and no other', async () => {
    await host.fetch('/api/text');
    const spans = await tracing.finishedSpans();
    // The first test's request was this app's first invocation; this one is warm.
    expect(spans.map((span) => span.attributes['faas.coldstart'])).toEqual([false]);
  });

  it('starts a new trace when the request brings no traceparent', async () => {
    const first = (await (await host.fetch('/api/greetings')).json()) as Seen;
    const second = (await (await host.fetch('/api/greetings')).json()) as Seen;
    expect(first.activeSpan?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.activeSpan?.traceId).not.toBe(second.activeSpan?.traceId);
    expect((await spanSeenBy(first)).attributes['http.route']).toBe('/api/greetings/{name?}');
  });

  it('honours the caller’s decision not to sample: nothing recorded, and the trace still goes on downstream', async () => {
    const traceId = newTraceId();
    const response = await host.fetch(`/api/callOut?url=${encodeURIComponent(downstreamUrl)}`, {
      headers: { traceparent: traceParent(traceId, newSpanId(), false) },
    });
    const seen = (await response.json()) as Seen & { downstream: string };
    expect(seen.downstream).toBe('downstream answer');
    expect(seen.activeSpan?.traceId).toBe(traceId);
    expect(await tracing.finishedSpans()).toEqual([]);
    expect(downstreamHeaders.at(-1)?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
  });

  it('makes outgoing calls of an instrumented client children of the invocation’s span, across the fetch', async () => {
    const traceId = newTraceId();
    const response = await host.fetch(`/api/callOut?url=${encodeURIComponent(downstreamUrl)}`, {
      headers: { traceparent: traceParent(traceId, newSpanId()) },
    });
    const seen = (await response.json()) as Seen & { downstream: string };
    expect(seen.downstream).toBe('downstream answer');

    const spans = await tracing.finishedSpans();
    const server = await spanSeenBy(seen);
    const client = spans.find((span) => span.kind === SpanKind.CLIENT);
    expect(client?.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client?.spanContext().traceId).toBe(traceId);
    // The downstream service received the client span's context: the trace goes on there.
    expect(downstreamHeaders.at(-1)?.traceparent).toBe(traceParent(traceId, client?.spanContext().spanId ?? ''));
  });

  it('records a thrown error: exception event, ERROR status, error.type, status code 500', async () => {
    const response = await host.fetch('/api/fail');
    expect(response.status).toBe(500);
    const [span] = await tracing.finishedSpans();
    expect(span?.name).toBe('fail');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'the handler failed on purpose' });
    expect(span?.attributes).toMatchObject({ 'error.type': 'TypeError', 'http.response.status_code': 500 });
    expect(span?.events.map((event) => [event.name, event.attributes?.['exception.type'], event.attributes?.['exception.message']])).toEqual([
      ['exception', 'TypeError', 'the handler failed on purpose'],
    ]);
  });

  it.each([
    [200, SpanStatusCode.UNSET, undefined],
    [404, SpanStatusCode.UNSET, undefined],
    [499, SpanStatusCode.UNSET, undefined],
    [503, SpanStatusCode.ERROR, '503'],
  ])('answers %i: the status code on the span, ERROR only for 5xx (server spans)', async (code, status, errorType) => {
    const response = await host.fetch(`/api/status/${String(code)}`);
    expect(response.status).toBe(code);
    const [span] = await tracing.finishedSpans();
    expect(span?.status.code).toBe(status);
    expect(span?.attributes['http.response.status_code']).toBe(code);
    expect(span?.attributes['error.type']).toBe(errorType);
    expect(span?.attributes['http.route']).toBe('/api/status/{code:int}');
    expect(span?.events).toEqual([]);
  });

  it('traces a timer trigger: faas.trigger timer, its schedule, no HTTP attributes', async () => {
    const result = await host.invoke('tick');
    expect(result.failed).toBe(false);
    const [span] = await tracing.finishedSpans();
    expect(span?.name).toBe('tick');
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.attributes).toMatchObject({
      'faas.trigger': 'timer',
      'faas.name': 'tick',
      'faas.invocation.id': result.invocationId,
      'faas.cron': '0 0 0 1 1 *',
      'faas.invocation.start_time': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    expect(Object.keys(span?.attributes ?? {}).filter((key) => key.startsWith('http.') || key.startsWith('url.'))).toEqual([]);
    expect(spanOfInvocation(await tracing.finishedSpans(), result.invocationId)).toBe(span);
  });

  it('never fails an invocation when the span processor throws, at the start or at the end, or the exporter fails', async () => {
    const failedBefore = tracing.faults.failedExports;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const failOn of ['start', 'end', 'export', 'export-later'] as const) {
        tracing.faults.failOn = failOn;
        const response = await host.fetch('/api/text');
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('plain text');
      }
      const failed = await host.fetch('/api/fail');
      expect(failed.status).toBe(500);
      // A failed export is the SDK's to report (through its diagnostics), never an unhandled rejection that would
      // end the worker: let the exports that were under way settle.
      await tracing.finishedSpans();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(tracing.faults.failedExports).toBeGreaterThanOrEqual(failedBefore + 2);
    } finally {
      tracing.faults.failOn = 'none';
      process.off('unhandledRejection', onUnhandled);
    }
    // Each fault is logged once, naming the extension, as the SDK logs every extension fault.
    const faults = faultLines(host).filter((line) => line.includes('"opentelemetry"'));
    expect(faults.some((line) => /failed in preInvocation .*onStart on purpose/s.test(line))).toBe(true);
    expect(faults.some((line) => /failed in postInvocation .*onEnd on purpose/s.test(line))).toBe(true);
  });

  it('logs no fault of its own in any of the above', () => {
    const faults = faultLines(host).filter((line) => line.includes('opentelemetry') && !line.includes('on purpose'));
    expect(faults).toEqual([]);
  });
});
