import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { parentContextOf } from './hostTraceContext.js';

const traceId = '0af7651916cd43dd8448eb211c80319c';
const spanId = 'b7ad6b7169203331';

describe('parentContextOf', () => {
  it('reads the host’s traceparent and tracestate as a remote parent', () => {
    const parent = trace.getSpanContext(parentContextOf({ traceParent: `00-${traceId}-${spanId}-01`, traceState: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' }));
    expect(parent).toMatchObject({ traceId, spanId, traceFlags: 1, isRemote: true });
    expect(parent?.traceState?.get('rojo')).toBe('00f067aa0ba902b7');
  });

  it('keeps the sampled flag off when the caller did not sample', () => {
    expect(trace.getSpanContext(parentContextOf({ traceParent: `00-${traceId}-${spanId}-00` }))?.traceFlags).toBe(0);
  });

  it('reads a later version’s four known fields, ignoring what it adds', () => {
    expect(trace.getSpanContext(parentContextOf({ traceParent: `01-${traceId}-${spanId}-01-extra` }))?.spanId).toBe(spanId);
  });

  it.each([
    ['none', undefined],
    ['no traceparent', {}],
    ['a null traceparent', { traceParent: null }],
    ['garbage', { traceParent: 'not a traceparent' }],
    ['upper-case hex', { traceParent: `00-${traceId.toUpperCase()}-${spanId}-01` }],
    ['an all-zero trace id', { traceParent: `00-${'0'.repeat(32)}-${spanId}-01` }],
    ['an all-zero span id', { traceParent: `00-${traceId}-${'0'.repeat(16)}-01` }],
    ['version ff', { traceParent: `ff-${traceId}-${spanId}-01` }],
    ['version 00 with extra fields', { traceParent: `00-${traceId}-${spanId}-01-extra` }],
  ])('starts a new trace (the root context) for %s', (_case, traceContext) => {
    expect(parentContextOf(traceContext)).toBe(ROOT_CONTEXT);
  });
});
