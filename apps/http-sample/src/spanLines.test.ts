import type { Host } from '@azfx/dev-host';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spanLine } from './spanLines.js';
import { seedAnswer, startSample } from './testing/sampleHost.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
let host: Host | undefined;

beforeAll(async () => {
  // No exporter chosen: what `pnpm dev` runs with.
  host = await startSample({ env: { OTEL_TRACES_EXPORTER: '' } });
});

afterAll(async () => {
  await host?.close();
});

describe('the sample’s default span printer', () => {
  it('prints one line per invocation, in the caller’s trace, among the function’s logs', async () => {
    const response = await host?.fetch('/api/HttpTrigger?name=Azure', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(await response?.text()).toMatch(seedAnswer);

    const lines = (host?.logs ?? []).filter((record) => record.message.includes(traceId)).map((record) => record.message);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^\\[span\\] HttpTrigger GET /api/HttpTrigger -> 200, \\d+\\.\\d{3} ms, (cold start, )?trace ${traceId} span [0-9a-f]{16} parent [0-9a-f]{16}$`),
    );
  });
});

describe('spanLine', () => {
  function endedSpan(build: (provider: BasicTracerProvider) => void): ReturnType<InMemorySpanExporter['getFinishedSpans']>[number] {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    build(provider);
    const [span] = exporter.getFinishedSpans();
    if (span === undefined) throw new Error('the span did not end');
    return span;
  }

  it('says a failed invocation failed, with the status message', () => {
    const span = endedSpan((provider) => {
      const started = provider.getTracer('test').startSpan('Orders', {
        kind: SpanKind.SERVER,
        attributes: { 'faas.trigger': 'http', 'http.request.method': 'POST', 'http.route': '/api/orders', 'http.response.status_code': 500 },
      });
      started.setStatus({ code: SpanStatusCode.ERROR, message: 'database unavailable' });
      started.end();
    });
    expect(spanLine(span)).toMatch(/^\[span\] Orders POST \/api\/orders -> 500, \d+\.\d{3} ms, ERROR: database unavailable, trace [0-9a-f]{32} span [0-9a-f]{16}$/);
  });

  it('names the trigger of a function that is not HTTP, and the kind of a span that is not the server’s', () => {
    const timer = endedSpan((provider) => {
      provider.getTracer('test').startSpan('Heartbeat', { kind: SpanKind.SERVER, attributes: { 'faas.trigger': 'timer', 'faas.coldstart': true } }).end();
    });
    expect(spanLine(timer)).toMatch(/^\[span\] Heartbeat timer, \d+\.\d{3} ms, cold start, trace /);

    const client = endedSpan((provider) => {
      provider.getTracer('test').startSpan('GET', { kind: SpanKind.CLIENT }).end();
    });
    expect(spanLine(client)).toMatch(/^\[span\] GET \(CLIENT\), \d+\.\d{3} ms, trace /);
  });
});
