import { Buffer } from 'node:buffer';

/**
 * How host/worker messages cross the IPC channel (Node's "advanced" serialization, the V8 serializer). Handing it
 * an object costs about twice the CPU per invocation round trip of handing it one JSON string (bench/ipcRoundTrip.mjs:
 * 48.5 µs against 24.5 µs, both processes, the messages of one HTTP invocation), because it walks the object from
 * JavaScript. So a message goes as a JSON string, with its bytes (request and response bodies) as tagged base64,
 * whenever JSON carries it exactly and its bytes are small; otherwise the object itself goes, as before: large
 * bodies are copied as bytes (base64 inside JSON made a 60 MB upload three times slower), and what JSON would
 * change (undefined in an array, NaN, -0, a Date, Map or class instance, a bigint) arrives as sent. What V8 cannot
 * clone (a function) still throws in `send`.
 */

const bufferTag = '$azfx:buffer';
const uint8ArrayTag = '$azfx:uint8array';

/** Above this many bytes in one message, base64 and JSON cost more than V8's copy of the bytes. */
const maxJsonBytes = 256 * 1024;

/** Thrown inside the encoder when the message goes as an object (one instance: it never leaves this module). */
const notJson = new Error('This message goes through the V8 serializer.');

/** What to pass to `send` for a message: a JSON string, or the message itself. */
export function encodeMessage(message: object): object | string {
  try {
    const budget = { bytes: maxJsonBytes };
    return JSON.stringify(encodeValue(message, budget));
  } catch (error: unknown) {
    if (error !== notJson) {
      throw error;
    }
    return message;
  }
}

/** The message `encodeMessage` was given, from what the channel delivered. */
export function decodeMessage(wire: unknown): unknown {
  return typeof wire === 'string' ? decodeValue(JSON.parse(wire)) : wire;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function encodeValue(value: unknown, budget: { bytes: number }): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value) || Object.is(value, -0)) {
        throw notJson;
      }
      return value;
    case 'object':
      break;
    default:
      // undefined where it would not simply be left out, bigint, symbol, function.
      throw notJson;
  }
  if (value === null) {
    return null;
  }
  if (Array.isArray(value)) {
    const encoded: unknown[] = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) {
      encoded[index] = encodeValue(value[index], budget);
    }
    return encoded;
  }
  if (value instanceof Uint8Array) {
    budget.bytes -= value.byteLength;
    if (budget.bytes < 0) {
      throw notJson;
    }
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    // Exactly Buffer or Uint8Array, so the receiver gets the same class; other views go through V8.
    if (Buffer.isBuffer(value)) {
      return { [bufferTag]: bytes };
    }
    if (Object.getPrototypeOf(value) === Uint8Array.prototype) {
      return { [uint8ArrayTag]: bytes };
    }
    throw notJson;
  }
  if (!isPlainObject(value)) {
    throw notJson;
  }
  const encoded: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // A tag would be read back as bytes; `__proto__` would not be an own property once assigned.
    if (key === bufferTag || key === uint8ArrayTag || key === '__proto__') {
      throw notJson;
    }
    const item = value[key];
    // JSON leaves out a property whose value is undefined, and so does this.
    if (item !== undefined) {
      encoded[key] = encodeValue(item, budget);
    }
  }
  return encoded;
}

function decodeValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      value[index] = decodeValue(value[index]);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const buffer = record[bufferTag];
  if (typeof buffer === 'string') {
    return Buffer.from(buffer, 'base64');
  }
  const uint8Array = record[uint8ArrayTag];
  if (typeof uint8Array === 'string') {
    const bytes = Buffer.from(uint8Array, 'base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  for (const key of Object.keys(record)) {
    record[key] = decodeValue(record[key]);
  }
  return record;
}
