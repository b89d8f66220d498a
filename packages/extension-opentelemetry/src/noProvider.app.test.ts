import { startHost, type Host } from '@azfx/dev-host';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTracedApp } from './testSupport/installTracedApp.js';
import { registerTracing, type Tracing } from './testSupport/tracing.js';

// An app that has not registered an OpenTelemetry SDK (yet): the extension only checks for one.
describe('with no tracer provider registered', () => {
  const app = installTracedApp('latest');
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ appDir: app.dir });
  });
  afterAll(async () => {
    await host.close();
    app.remove();
  });

  it('answers as without it: no span is current in the handler, nothing is logged', async () => {
    const response = await host.fetch('/api/greetings', { headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ activeSpan: null });
    expect((await host.fetch('/api/fail')).status).toBe(500);
    expect(host.logs.filter((record) => record.message.includes('opentelemetry'))).toEqual([]);
  });

  it('traces from the first invocation after the app registers a provider, however late', async () => {
    let tracing: Tracing | undefined;
    try {
      tracing = registerTracing();
      const response = await host.fetch('/api/greetings');
      const seen = (await response.json()) as { activeSpan: { spanId: string } | null };
      const spans = await tracing.finishedSpans();
      expect(spans.map((span) => span.spanContext().spanId)).toEqual([seen.activeSpan?.spanId]);
      // The process's first invocation ran before the provider: this span is not the cold start.
      expect(spans[0]?.attributes['faas.coldstart']).toBe(false);
    } finally {
      trace.disable();
    }
  });
});
