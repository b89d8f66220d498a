import { randomBytes } from 'node:crypto';
import type { RpcTraceContext } from './coreApiTypes.js';

const traceParentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const allZeroTraceId = '0'.repeat(32);

/**
 * The host's trace context for one invocation: a W3C `traceparent` with a fresh span id, continuing the caller's
 * trace when an HTTP request brought a valid `traceparent` (and its `tracestate`), starting a new trace otherwise.
 */
export function createTraceContext(incoming?: { traceParent?: string | undefined; traceState?: string | undefined }): RpcTraceContext {
  const spanId = randomBytes(8).toString('hex');
  const match = incoming?.traceParent === undefined ? null : traceParentPattern.exec(incoming.traceParent.trim().toLowerCase());
  const incomingTraceId = match?.[1];
  if (match && incomingTraceId !== undefined && incomingTraceId !== allZeroTraceId && match[2] !== '0000000000000000') {
    return {
      traceParent: `00-${incomingTraceId}-${spanId}-${match[3] ?? '01'}`,
      traceState: incoming?.traceState ?? '',
      attributes: {},
    };
  }
  return { traceParent: `00-${randomBytes(16).toString('hex')}-${spanId}-01`, traceState: '', attributes: {} };
}
