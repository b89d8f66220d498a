import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Host } from '@azfx/dev-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnswer, startSample } from './testing/sampleHost.js';

// The sample with OTEL_EXPORTER_OTLP_ENDPOINT set, exporting to an OTLP/HTTP receiver this test runs in place of a
// collector: the seed's request, traced from a caller's traceparent, reaches the receiver by the time the host stops.
interface OtlpSpan {
  traceId: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number; arrayValue?: unknown } }[];
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const received: OtlpRequest[] = [];
let receiver: Server;
let host: Host | undefined;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body) as OtlpRequest);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}`;
  host = await startSample({ env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
});

afterAll(async () => {
  await host?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('the sample traced over OTLP', () => {
  it('exports the span of the seed’s request, in the caller’s trace, when the app shuts down', async () => {
    const response = await host?.fetch('/api/HttpTrigger?name=Azure', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'ticket-42' },
    });
    expect(await response?.text()).toMatch(seedAnswer);
    // Closing runs the app's appTerminate hooks: the sample's shuts its tracer provider down, which flushes the batch.
    await host?.close();

    const spans = received.flatMap((request) => request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
    const span = spans.find((candidate) => candidate.name === 'HttpTrigger');
    expect(span?.traceId).toBe(traceId);
    const attributes = Object.fromEntries((span?.attributes ?? []).map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.arrayValue]));
    expect(attributes).toMatchObject({
      'faas.trigger': 'http',
      'faas.name': 'HttpTrigger',
      'http.request.method': 'GET',
      'http.route': '/api/HttpTrigger',
      'url.query': 'name=Azure',
      'http.request.header.x-request-id': { values: [{ stringValue: 'ticket-42' }] },
      'http.response.header.x-request-id': { values: [{ stringValue: 'ticket-42' }] },
    });
    expect(Number(attributes['http.response.status_code'])).toBe(200);
    const service = received[0]?.resourceSpans[0]?.resource.attributes.find((attribute) => attribute.key === 'service.name');
    expect(service?.value.stringValue).toBe('http-sample');
  });
});
