import type { RpcTypedData } from './coreApiTypes.js';

/** A JavaScript value as the host would carry it to the worker: strings, bytes, numbers, or JSON for the rest. */
export function toTypedData(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return { string: value };
  }
  if (value instanceof Uint8Array) {
    return { bytes: value };
  }
  if (value instanceof ArrayBuffer) {
    return { bytes: new Uint8Array(value) };
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { int: value } : { double: value };
  }
  return { json: JSON.stringify(value) };
}

/** Typed data back to a JavaScript value: what an output binding would have written. */
export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) {
    return undefined;
  }
  if (typeof data.string === 'string') {
    return data.string;
  }
  if (typeof data.json === 'string') {
    try {
      return JSON.parse(data.json) as unknown;
    } catch {
      return data.json;
    }
  }
  if (data.bytes) {
    return Buffer.from(data.bytes);
  }
  if (typeof data.int === 'number') {
    return data.int;
  }
  if (typeof data.double === 'number') {
    return data.double;
  }
  return data.http ?? undefined;
}

/**
 * The input of a timer trigger as the host sends it. `ScheduleStatus` needs the host's storage-backed schedule
 * monitor, which the dev host does not have, so it is null (as with Core Tools and no storage).
 */
export function timerInfo(isPastDue = false): RpcTypedData {
  return { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: isPastDue }) };
}
