import { randomFillSync } from 'node:crypto';
import type { RpcTraceContext } from './coreApiTypes.js';

// W3C Trace Context: version-traceid-parentid-flags. A version above 00 may append fields after the flags ("-..."),
// and a reader must still take the four it knows (the spec's forward-compatibility rule); version ff is invalid.
const traceParentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const allZeroTraceId = '0'.repeat(32);
const allZeroSpanId = '0'.repeat(16);

// One call into the random source per request cost about 17 µs of the host's CPU (profiled under load); ids are
// taken from a pool filled 4 KiB at a time instead, as Node's own randomUUID() does.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** The caller's trace id and flags, when `traceParent` is a valid W3C `traceparent`. */
function parseTraceParent(traceParent: string | undefined): { traceId: string; flags: string } | undefined {
  const match = traceParent === undefined ? null : traceParentPattern.exec(traceParent.trim().toLowerCase());
  if (!match) {
    return undefined;
  }
  const [, version, traceId, parentId, flags, rest] = match;
  if (version === undefined || traceId === undefined || parentId === undefined || flags === undefined) {
    return undefined;
  }
  if (version === 'ff' || (version === '00' && rest !== undefined) || traceId === allZeroTraceId || parentId === allZeroSpanId) {
    return undefined;
  }
  // We write version 00, whose only defined flag is "sampled"; flags a later version defined are not ours to pass on.
  return { traceId, flags: version === '00' ? flags : (Number.parseInt(flags, 16) & 1).toString(16).padStart(2, '0') };
}

/**
 * The host's trace context for one invocation: a W3C `traceparent` with a fresh span id, continuing the caller's
 * trace when an HTTP request brought a valid `traceparent` (and its `tracestate`), starting a new trace otherwise.
 */
export function createTraceContext(incoming?: { traceParent?: string | undefined; traceState?: string | undefined }): RpcTraceContext {
  const spanId = randomHex(8);
  const caller = parseTraceParent(incoming?.traceParent);
  if (caller !== undefined) {
    return { traceParent: `00-${caller.traceId}-${spanId}-${caller.flags}`, traceState: incoming?.traceState ?? '', attributes: {} };
  }
  return { traceParent: `00-${randomHex(16)}-${spanId}-01`, traceState: '', attributes: {} };
}
