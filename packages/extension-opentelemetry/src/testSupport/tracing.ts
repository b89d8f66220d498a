import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Where the broken parts of the SDK fail: a span processor's hooks, or an exporter, at once or later. */
export type FaultPoint = 'none' | 'start' | 'end' | 'export' | 'export-later';

/** A span processor that throws from the hook it is told to, to play a broken processor. */
export class FaultySpanProcessor implements SpanProcessor {
  failOn: FaultPoint = 'none';
  /** Exports the faulty exporter failed, at once or later: proof that the broken path really ran. */
  failedExports = 0;

  onStart(): void {
    if (this.failOn === 'start') throw new Error('the span processor failed in onStart on purpose');
  }
  onEnd(): void {
    if (this.failOn === 'end') throw new Error('the span processor failed in onEnd on purpose');
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** An exporter that throws when it is told to, or reports a failure later, as a broken or unreachable backend does. */
class FaultyExporter implements SpanExporter {
  constructor(private readonly faults: FaultySpanProcessor) {}

  export(_spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.faults.failOn === 'export') {
      this.faults.failedExports++;
      throw new Error('the exporter failed on purpose');
    }
    const failLater = this.faults.failOn === 'export-later';
    if (failLater) this.faults.failedExports++;
    setImmediate(() => {
      resultCallback(failLater ? { code: ExportResultCode.FAILED, error: new Error('the backend refused on purpose') } : { code: ExportResultCode.SUCCESS });
    });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Tracing {
  readonly faults: FaultySpanProcessor;
  /** Every span ended so far, once the processors have handed them to the exporter. */
  finishedSpans(): Promise<ReadableSpan[]>;
  reset(): void;
}

/**
 * The OpenTelemetry SDK as an app registers it: a tracer provider exporting to memory, the async-hooks context
 * manager, the W3C propagator. The dev host runs the app in this process, so the app's extension records here.
 */
export function registerTracing(): Tracing {
  const exporter = new InMemorySpanExporter();
  const faults = new FaultySpanProcessor();
  const provider = new BasicTracerProvider({
    spanProcessors: [faults, new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(new FaultyExporter(faults))],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    faults,
    async finishedSpans() {
      // A flush reports the failed exports of the broken exporter; the in-memory exporter has its spans regardless.
      await provider.forceFlush().catch(() => undefined);
      return exporter.getFinishedSpans();
    },
    reset() {
      exporter.reset();
    },
  };
}

/** A W3C traceparent for a trace id and parent span id. */
export const traceParent = (traceId: string, spanId: string, sampled = true) => `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;

/** The span of one invocation, found by its `faas.invocation.id`. */
export function spanOfInvocation(spans: readonly ReadableSpan[], invocationId: string): ReadableSpan | undefined {
  return spans.find((span) => span.attributes['faas.invocation.id'] === invocationId);
}
