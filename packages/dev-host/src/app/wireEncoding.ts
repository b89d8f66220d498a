import { Buffer } from 'node:buffer';
import v8 from 'node:v8';

/**
 * How host/worker messages cross the IPC channel. Node's "advanced" serialization (the V8 serializer, driven from
 * JavaScript) costs about twice the CPU of its JSON channel per invocation round trip (bench/ipcRoundTrip.mjs: 37 µs
 * against 20.5 µs, both processes, the messages of one HTTP invocation). The messages are plain data
 * almost always, so they go as JSON, with the one thing JSON cannot carry, bytes (request and response bodies), as
 * tagged base64. Anything else JSON would change (undefined in an array, NaN, -0, a Date, Map or class instance,
 * a bigint, a function) sends the whole message through the V8 serializer instead, so nothing arrives different
 * from what was sent, and what V8 cannot clone (a function) throws as it did before.
 */

const bufferTag = '$azfx:buffer';
const uint8ArrayTag = '$azfx:uint8array';
const v8Tag = '$azfx:v8';

/** Thrown inside the encoder when JSON cannot carry a value exactly (one instance: it never leaves this module). */
const notJson = new Error('JSON cannot carry this value exactly.');

/** The message as the JSON channel carries it (pass it to `send`). */
export function encodeMessage(message: object): object {
  try {
    return encodeValue(message) as object;
  } catch (error: unknown) {
    if (error !== notJson) {
      throw error;
    }
    return { [v8Tag]: v8.serialize(message).toString('base64') };
  }
}

/** The message `encodeMessage` was given, from what the JSON channel delivered (decoded in place). */
export function decodeMessage(wire: unknown): unknown {
  if (isPlainObject(wire) && typeof wire[v8Tag] === 'string') {
    return v8.deserialize(Buffer.from(wire[v8Tag], 'base64'));
  }
  return decodeValue(wire);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function encodeValue(value: unknown): unknown {
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
      encoded[index] = encodeValue(value[index]);
    }
    return encoded;
  }
  if (value instanceof Uint8Array) {
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
    if (key === bufferTag || key === uint8ArrayTag || key === v8Tag || key === '__proto__') {
      throw notJson;
    }
    const item = value[key];
    // JSON leaves out a property whose value is undefined, and so does this.
    if (item !== undefined) {
      encoded[key] = encodeValue(item);
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
