import { startHost, type Host } from '@azfx/dev-host';
import { metrics } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installTracedApp, type LibraryVersion } from './testSupport/installTracedApp.js';
import { registerTracing } from './testSupport/tracing.js';

// The extension beside the timer in either order, turned off by the disable setting, and configured by the app.
const tracing = registerTracing();

/** Reads the metrics when asked, as a test wants them. */
class OnDemandReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}
const reader = new OnDemandReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

// App-phase lines (the SDK's start-up line) go to the console: the app runs in this process.
const consoleInfo = vi.spyOn(console, 'info').mockImplementation(() => undefined);
const startupLines = () => consoleInfo.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('[azfx] Extensions:'));
afterAll(() => {
  consoleInfo.mockRestore();
});

interface Seen {
  activeSpan: { traceId: string; spanId: string } | null;
}

function useApp(env: Record<string, string>, library: LibraryVersion = 'latest'): () => Host {
  const app = installTracedApp(library);
  let host: Host | undefined;
  beforeAll(async () => {
    host = await startHost({ appDir: app.dir, env });
  });
  afterAll(async () => {
    await host?.close();
    app.remove();
  });
  beforeEach(() => {
    tracing.reset();
  });
  return () => {
    if (host === undefined) throw new Error('The host did not start.');
    return host;
  };
}

const errorLines = (host: Host) => host.logs.filter((record) => record.level === 'error').map((record) => record.message);

describe.each<[string, LibraryVersion]>([
  ['opentelemetry,timer', 'latest'],
  ['timer,opentelemetry', 'latest'],
  ['opentelemetry,timer', '4.1.0'],
  ['timer,opentelemetry', '4.1.0'],
])('beside the timer, registered in the order %s, with @azure/functions %s', (order, library) => {
  const host = useApp({ FIXTURE_EXTENSIONS: order }, library);

  it('both do their work on the same invocation: the timer’s suffix and Server-Timing, one span, current in the handler', async () => {
    const response = await host().fetch('/api/text');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^plain text \(TimeElapsed: \d+\.\d{6} sec\)$/);
    expect(response.headers.get('server-timing')).toMatch(/^total;dur=/);
    const spans = await tracing.finishedSpans();
    expect(spans.map((span) => [span.name, span.attributes['http.response.status_code']])).toEqual([['text', 200]]);

    const seen = (await (await host().fetch('/api/greetings')).json()) as Seen;
    expect((await tracing.finishedSpans()).map((span) => span.spanContext().spanId)).toContain(seen.activeSpan?.spanId);
    expect(errorLines(host())).toEqual([]);
  });

  it('records a failure with either one outside the other', async () => {
    expect((await host().fetch('/api/fail')).status).toBe(500);
    const [span] = await tracing.finishedSpans();
    expect(span?.attributes['error.type']).toBe('TypeError');
  });
});

describe('AZFX_EXTENSIONS_DISABLED=opentelemetry', () => {
  const host = useApp({ FIXTURE_EXTENSIONS: 'timer,opentelemetry', AZFX_EXTENSIONS_DISABLED: 'opentelemetry' });

  it('turns it off: no span, nothing current in the handler; the timer still runs', async () => {
    expect(startupLines().at(-1)).toBe('[azfx] Extensions: timer (app), opentelemetry (app); disabled: opentelemetry');
    const response = await host().fetch('/api/greetings', { headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('server-timing')).toMatch(/^total;dur=/);
    expect(((await response.json()) as Seen).activeSpan).toBeNull();
    expect(await tracing.finishedSpans()).toEqual([]);
  });
});

describe('configured by the app: headers, function selection, span name is the function name, metrics', () => {
  const host = useApp({
    FIXTURE_OTEL_OPTIONS: JSON.stringify({
      requestHeaders: ['X-Request-Id', 'x-absent'],
      responseHeaders: ['x-answer'],
      exclude: ['TEXT'],
      routePrefix: '',
      metrics: true,
    }),
  });

  it('records the request and response headers it is told to, and no other', async () => {
    await host().fetch('/api/greetings', { headers: { 'x-request-id': 'abc', 'x-secret': 'do not record' } });
    const [span] = await tracing.finishedSpans();
    expect(span?.attributes['http.request.header.x-request-id']).toEqual(['abc']);
    expect(span?.attributes['http.response.header.x-answer']).toEqual(['yes']);
    expect(span?.attributes['http.route']).toBe('/greetings/{name?}');
    expect(Object.keys(span?.attributes ?? {}).filter((key) => key.includes('header'))).toHaveLength(2);
  });

  it('leaves an excluded function untraced (names compare case-insensitively)', async () => {
    expect(await (await host().fetch('/api/text')).text()).toBe('plain text');
    expect(await tracing.finishedSpans()).toEqual([]);
  });

  it('still records the duration, and answers, when the span processor throws as the span ends', async () => {
    const helloCount = async () => {
      const { resourceMetrics } = await reader.collect();
      const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === 'faas.invoke_duration') as
        | HistogramMetricData
        | undefined;
      return metric?.dataPoints.find((point) => point.attributes['faas.name'] === 'hello')?.value.count ?? 0;
    };
    const before = await helloCount();
    tracing.faults.failOn = 'end';
    try {
      expect((await host().fetch('/api/greetings')).status).toBe(200);
    } finally {
      tracing.faults.failOn = 'none';
    }
    expect(await helloCount()).toBe(before + 1);
    expect(errorLines(host()).filter((line) => line.includes('onEnd on purpose'))).toHaveLength(1);
  });

  it('records faas.invoke_duration in seconds, by trigger, function and error type', async () => {
    await host().fetch('/api/fail');
    await host().invoke('tick');
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics
      .find((scope) => scope.scope.name === '@azfx/extension-opentelemetry')
      ?.metrics.find((candidate) => candidate.descriptor.name === 'faas.invoke_duration') as HistogramMetricData | undefined;
    expect(metric?.descriptor).toMatchObject({ unit: 's' });
    expect(metric?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const points = metric?.dataPoints.map((point) => ({ attributes: point.attributes, count: point.value.count })) ?? [];
    expect(points).toEqual(
      expect.arrayContaining([
        { attributes: { 'faas.trigger': 'http', 'faas.name': 'fail', 'error.type': 'TypeError' }, count: 1 },
        { attributes: { 'faas.trigger': 'timer', 'faas.name': 'tick' }, count: 1 },
      ]),
    );
    expect(metric?.dataPoints[0]?.value.buckets.boundaries).toEqual([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]);
  });
});
