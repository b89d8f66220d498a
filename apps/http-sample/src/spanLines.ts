// What `pnpm dev` prints for each span: one line, instead of the SDK's ConsoleSpanExporter and its fifty-line dump
// (which `OTEL_TRACES_EXPORTER=console` still selects). Written with console.log, so the dev host and Azure both
// show it in the function's logs, with a timestamp, beside the timer's line.
import { SpanKind, SpanStatusCode, type Attributes, type AttributeValue } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

function text(value: AttributeValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** `GET /api/HttpTrigger -> 200` for an HTTP span, the trigger's name (`timer`, `queue`, …) for the others. */
function whatRan(attributes: Attributes): string | undefined {
  const method = text(attributes['http.request.method']);
  const route = text(attributes['http.route']) ?? text(attributes['url.path']);
  if (method !== undefined && route !== undefined) {
    const status = text(attributes['http.response.status_code']);
    return status === undefined ? `${method} ${route}` : `${method} ${route} -> ${status}`;
  }
  return text(attributes['faas.trigger']);
}

/**
 * One line per span:
 * `[span] HttpTrigger GET /api/HttpTrigger -> 200, 1.958 ms, cold start, trace 4bf92f3577b34da6a3ce929d0e0e4736 span
 * 3b4e65ea7ee1f263 parent 34dcbe3ffcb06153` (the ids whole, to paste into a trace viewer).
 */
export function spanLine(span: ReadableSpan): string {
  const kind = span.kind === SpanKind.SERVER ? '' : ` (${SpanKind[span.kind]})`;
  const ran = whatRan(span.attributes);
  const parts = [`[span] ${span.name}${kind}${ran === undefined ? '' : ` ${ran}`}`];
  parts.push(`${hrTimeToMilliseconds(span.duration).toFixed(3)} ms`);
  if (span.attributes['faas.coldstart'] === true) parts.push('cold start');
  if (span.status.code === SpanStatusCode.ERROR) parts.push(`ERROR${span.status.message ? `: ${span.status.message}` : ''}`);
  const { traceId, spanId } = span.spanContext();
  const parent = span.parentSpanContext === undefined ? '' : ` parent ${span.parentSpanContext.spanId}`;
  parts.push(`trace ${traceId} span ${spanId}${parent}`);
  return parts.join(', ');
}

/** A span exporter that prints {@link spanLine} for every span that ends. */
export class SpanLineExporter implements SpanExporter {
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) console.log(spanLine(span));
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
