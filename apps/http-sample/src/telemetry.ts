// The app's OpenTelemetry SDK, registered before the extensions: the OpenTelemetry extension records with whatever
// the app registers and starts nothing itself. Which exporter, by the standard environment variables:
//   OTEL_EXPORTER_OTLP_ENDPOINT set (e.g. http://localhost:4318)  -> OTLP over HTTP, batched (a collector, Jaeger, ...)
//   otherwise                                                      -> one line per span as it ends (`pnpm dev`)
//   OTEL_TRACES_EXPORTER=console                                   -> the SDK's console exporter: every field of every span
//   OTEL_TRACES_EXPORTER=none                                       -> no SDK at all (the extension then costs next to nothing)
// On Azure, @azure/monitor-opentelemetry's useAzureMonitor() would take this file's place.
import { app } from '@azure/functions';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { SpanLineExporter } from './spanLines.js';

function chosenProcessor(): SpanProcessor | undefined {
  // An empty setting (a blank line in local.settings.json) counts as unset, as the OpenTelemetry SDKs read it.
  const chosen = process.env.OTEL_TRACES_EXPORTER;
  const exporter = chosen !== undefined && chosen !== '' ? chosen : process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'lines';
  if (exporter === 'none') return undefined;
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) itself.
  if (exporter === 'otlp') return new BatchSpanProcessor(new OTLPTraceExporter());
  if (exporter === 'console') return new SimpleSpanProcessor(new ConsoleSpanExporter());
  if (exporter !== 'lines') {
    console.warn(`OTEL_TRACES_EXPORTER=${exporter} is not one this sample sets up (otlp, console, none): printing one line per span instead.`);
  }
  return new SimpleSpanProcessor(new SpanLineExporter());
}

const processor = chosenProcessor();
if (processor !== undefined) {
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'http-sample' })),
    spanProcessors: [processor],
  });
  // A provider registered already (this module loaded a second time in one process) stays; this one is not needed.
  if (!trace.setGlobalTracerProvider(provider)) void provider.shutdown();
  // Carries the invocation's span across the function's awaits, so outgoing calls become its children.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // Batched spans still waiting are sent before the worker stops.
  app.hook.appTerminate(() => provider.shutdown());
}
