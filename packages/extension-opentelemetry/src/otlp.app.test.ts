import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHost, type Host } from '@azfx/dev-host';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTracedApp } from './testSupport/installTracedApp.js';

// The path an app in production takes: the SDK batches the spans and exports them over OTLP/HTTP, here to a
// receiver this test runs on 127.0.0.1, in place of a collector.
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpSpan {
  traceId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
}
interface OtlpRequest {
  resourceSpans: { scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
}

describe('exported over OTLP/HTTP to a receiver', () => {
  const app = installTracedApp('latest');
  const received: { contentType: string | undefined; path: string | undefined; body: OtlpRequest }[] = [];
  let receiver: Server;
  let provider: BasicTracerProvider;
  let host: Host;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          contentType: request.headers['content-type'],
          path: request.url,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/v1/traces`;
    provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))] });
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    host = await startHost({ appDir: app.dir });
  });
  afterAll(async () => {
    await host.close();
    await provider.shutdown();
    await new Promise((resolve) => receiver.close(resolve));
    app.remove();
  });

  it('delivers the invocation’s span, in the caller’s trace, with its attributes', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await host.fetch('/api/status/201', { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(response.status).toBe(201);
    await provider.forceFlush();

    const spans = received.flatMap((request) =>
      request.body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ scope: scope.scope.name, span })))),
    );
    expect(received.map((request) => [request.path, request.contentType])).toEqual([['/v1/traces', 'application/json']]);
    expect(spans).toHaveLength(1);
    const [{ scope, span } = { scope: '', span: undefined }] = spans;
    expect(scope).toBe('@azfx/extension-opentelemetry');
    expect(span?.name).toBe('status');
    expect(span?.traceId).toBe(traceId);
    expect(span?.kind).toBe(2); // SPAN_KIND_SERVER in OTLP's numbering
    const attributes = Object.fromEntries((span?.attributes ?? []).map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]));
    expect(attributes).toMatchObject({ 'faas.trigger': 'http', 'http.route': '/api/status/{code:int}', 'http.request.method': 'GET' });
    expect(Number(attributes['http.response.status_code'])).toBe(201);
  });
});
