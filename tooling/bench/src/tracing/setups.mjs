import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * The configurations the tracing benchmark compares, each from an app with nothing registered: no extension, the
 * timer, and the OpenTelemetry extension without and with an OpenTelemetry SDK registered (its own spans, metrics,
 * and beside the timer). The SDK is what an app registers: a tracer provider (the default sampler follows the
 * host's sampled flag), the async-hooks context manager; its span processor only counts the spans that end, so that
 * the export, which an app's exporter does in the background, is not what is timed.
 */

/**
 * @typedef {object} TracingSetup
 * @property {string} name
 * @property {number} spansPerInvocation spans the checks expect to end per invocation
 * @property {boolean} serverTiming whether the timer's Server-Timing header is expected on the result
 * @property {() => void} apply
 */

/**
 * @typedef {object} Libraries
 * @property {typeof import('@azfx/extension-core').defineExtension} defineExtension
 * @property {() => void} resetExtensions
 * @property {typeof import('@azfx/extension-timer').TimerExtension} TimerExtension
 * @property {typeof import('@azfx/extension-opentelemetry').OpenTelemetryExtension} OpenTelemetryExtension
 */

/** Spans ended so far, by the one span processor: what the checks read. */
export const endedSpans = { count: 0 };

/** @type {import('@opentelemetry/sdk-trace-base').SpanProcessor} */
const countingProcessor = {
  onStart: () => undefined,
  onEnd() {
    endedSpans.count++;
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** A reader nobody collects from: recording still aggregates, which is the cost a metric adds to an invocation. */
class IdleReader extends MetricReader {
  onForceFlush() {
    return Promise.resolve();
  }
  onShutdown() {
    return Promise.resolve();
  }
}

const tracerProvider = new BasicTracerProvider({ spanProcessors: [countingProcessor] });
const contextManager = new AsyncLocalStorageContextManager();
const meterProvider = new MeterProvider({ readers: [new IdleReader()] });

/** The OpenTelemetry API's globals as an app without an OpenTelemetry SDK has them: none registered. */
function withoutSdk() {
  trace.disable();
  context.disable();
  metrics.disable();
  propagation.disable();
}

/** @param {{ metrics?: boolean; contextManager?: boolean }} [options] */
function withSdk(options = {}) {
  withoutSdk();
  trace.setGlobalTracerProvider(tracerProvider);
  if (options.contextManager !== false) context.setGlobalContextManager(contextManager.enable());
  if (options.metrics) metrics.setGlobalMeterProvider(meterProvider);
}

/**
 * @param {Libraries} libraries
 * @returns {TracingSetup[]}
 */
export function createTracingSetups({ defineExtension, resetExtensions, TimerExtension, OpenTelemetryExtension }) {
  // The OpenTelemetry extension's hooks, doing nothing: what any extension of that shape costs (the SDK's dispatch
  // and its wrapper around the handler), the floor under the extension's own cost.
  const sameHooksDoingNothing = defineExtension({
    name: 'no-op-with-wrapper',
    preInvocation: () => undefined,
    aroundHandler: (_ctx, next) => next(),
    postInvocation: () => undefined,
  });
  return [
    {
      name: 'no extension',
      spansPerInvocation: 0,
      serverTiming: false,
      apply() {
        resetExtensions();
        withoutSdk();
      },
    },
    {
      name: 'timer',
      spansPerInvocation: 0,
      serverTiming: true,
      apply() {
        resetExtensions();
        withoutSdk();
        TimerExtension.configure();
      },
    },
    {
      name: 'no-op extension with the same hooks',
      spansPerInvocation: 0,
      serverTiming: false,
      apply() {
        resetExtensions();
        withoutSdk();
        sameHooksDoingNothing.configure();
      },
    },
    {
      name: 'opentelemetry, no SDK registered',
      spansPerInvocation: 0,
      serverTiming: false,
      apply() {
        resetExtensions();
        withoutSdk();
        OpenTelemetryExtension.configure();
      },
    },
    {
      name: 'opentelemetry, SDK registered',
      spansPerInvocation: 1,
      serverTiming: false,
      apply() {
        resetExtensions();
        withSdk();
        OpenTelemetryExtension.configure();
      },
    },
    {
      // What the context manager costs (every promise of the invocation tracked by AsyncLocalStorage) is the SDK's
      // price for carrying the span across awaits; without it, the span is recorded but nothing is current.
      name: 'opentelemetry, SDK without a context manager',
      spansPerInvocation: 1,
      serverTiming: false,
      apply() {
        resetExtensions();
        withSdk({ contextManager: false });
        OpenTelemetryExtension.configure();
      },
    },
    {
      name: 'opentelemetry + metrics, SDK registered',
      spansPerInvocation: 1,
      serverTiming: false,
      apply() {
        resetExtensions();
        withSdk({ metrics: true });
        OpenTelemetryExtension.configure({ metrics: true });
      },
    },
    {
      name: 'timer + opentelemetry, SDK registered',
      spansPerInvocation: 1,
      serverTiming: true,
      apply() {
        resetExtensions();
        withSdk();
        TimerExtension.configure();
        OpenTelemetryExtension.configure();
      },
    },
  ];
}
