import { createTraceState, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/** The trace context the host gives an invocation (`invocationContext.traceContext`), as @azure/functions types it. */
export interface HostTraceContext {
  readonly traceParent?: string | null | undefined;
  readonly traceState?: string | null | undefined;
}

// W3C Trace Context: version, trace id, parent span id, flags. A version other than 00 may add fields after the
// flags; the four known ones are read the same way. Version ff is invalid.
const traceParentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const invalidTraceId = '0'.repeat(32);
const invalidSpanId = '0'.repeat(16);

/**
 * The context an invocation's span is a child of: the host's span, read from the W3C `traceparent` and
 * `tracestate` the host passed for this invocation (the caller's trace, continued by the host, in Azure and under
 * the dev host alike). Without a valid `traceparent`, the root context: the span starts a new trace.
 *
 * Read here rather than with the global propagator: the host always speaks W3C, whatever propagator the app
 * registered for its own outgoing calls (or none).
 */
export function parentContextOf(traceContext: HostTraceContext | undefined): Context {
  const traceParent = traceContext?.traceParent;
  if (typeof traceParent !== 'string') return ROOT_CONTEXT;
  const match = traceParentPattern.exec(traceParent.trim());
  if (match === null) return ROOT_CONTEXT;
  const [, version, traceId = '', spanId = '', flags = '00', rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return ROOT_CONTEXT;
  if (traceId === invalidTraceId || spanId === invalidSpanId) return ROOT_CONTEXT;
  const traceState = traceContext?.traceState;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId,
    // Only the sampled bit is defined; the others are reserved.
    traceFlags: Number.parseInt(flags, 16) & 1,
    isRemote: true,
    ...(typeof traceState === 'string' && traceState !== '' ? { traceState: createTraceState(traceState) } : {}),
  });
}
