import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A span processor that throws from the hook it is told to, to play a broken exporter or processor. */
export class FaultySpanProcessor implements SpanProcessor {
  failOn: 'none' | 'start' | 'end' = 'none';

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
  const provider = new BasicTracerProvider({ spanProcessors: [faults, new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    faults,
    async finishedSpans() {
      await provider.forceFlush();
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
