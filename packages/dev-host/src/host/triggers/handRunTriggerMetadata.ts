import { randomBytes, randomUUID } from 'node:crypto';
import type { RpcTypedData } from '../../app/coreApiTypes.js';

// The trigger metadata of a non-HTTP function run by hand (`POST /admin/functions/{name}`, `invoke()`), shaped as the
// host sends it for that trigger type. The host sends a trigger's binding data under its .NET names (the library
// camel-cases them into `context.triggerMetadata`): strings as strings, numbers and dates as JSON, dates as .NET
// serializes a DateTimeOffset ("2025-05-01T10:00:00.123+00:00"). For every trigger whose input is a JSON object, the
// host also adds the object's top-level properties (objects as JSON, other values as text; arrays are left out).
// Timer and HTTP metadata are not built here: the library ignores a timer's, and HTTP requests carry their own.

const sevenDaysMs = 7 * 24 * 3_600_000;
const tenMinutesMs = 10 * 60_000;

/** The metadata for `triggerType` with `input` (the trigger's data as sent), at `now`. */
export function handRunTriggerMetadata(triggerType: string, input: RpcTypedData | undefined, now = new Date()): Record<string, RpcTypedData> {
  const metadata: Record<string, RpcTypedData> = {};
  const text = inputText(input);
  switch (triggerType.toLowerCase()) {
    case 'queuetrigger':
      Object.assign(metadata, queueMessageMetadata(text, now));
      break;
    case 'servicebustrigger':
      Object.assign(metadata, serviceBusMessageMetadata(now));
      break;
    default:
      break;
  }
  Object.assign(metadata, jsonPropertiesMetadata(text));
  return metadata;
}

/**
 * A Storage queue message as the queue trigger delivers it the first time: a new id and pop receipt, dequeued once,
 * inserted now, expiring after the default time-to-live (7 days), invisible to other readers for the 10 minutes the
 * trigger leases it. (Core Tools' own admin run sends no id or pop receipt, a dequeue count of 0 and far-future
 * times; a test that needs those passes them in `triggerMetadata`.)
 */
function queueMessageMetadata(text: string | undefined, now: Date): Record<string, RpcTypedData> {
  const metadata: Record<string, RpcTypedData> = {
    DequeueCount: { json: '1' },
    ExpirationTime: dotnetDate(new Date(now.getTime() + sevenDaysMs)),
    Id: { string: randomUUID() },
    InsertionTime: dotnetDate(now),
    NextVisibleTime: dotnetDate(new Date(now.getTime() + tenMinutesMs)),
    PopReceipt: { string: randomBytes(12).toString('base64url') },
  };
  if (text !== undefined) {
    metadata.QueueTrigger = { string: text };
  }
  return metadata;
}

/** A Service Bus message on its first delivery: a new message id, delivered once, enqueued now, 14 days to live. */
function serviceBusMessageMetadata(now: Date): Record<string, RpcTypedData> {
  return {
    MessageId: { string: randomUUID().replaceAll('-', '') },
    DeliveryCount: { json: '1' },
    EnqueuedTimeUtc: dotnetDate(now),
    ExpiresAtUtc: dotnetDate(new Date(now.getTime() + 2 * sevenDaysMs)),
    SequenceNumber: { json: '1' },
  };
}

/** The host's binding data from a JSON object input: each top-level property that is not an array. */
function jsonPropertiesMetadata(text: string | undefined): Record<string, RpcTypedData> {
  const trimmed = text?.trim();
  if (trimmed === undefined || !trimmed.startsWith('{') || !trimmed.endsWith('}')) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return {}; // not JSON after all: no binding data, as in the host
  }
  const metadata: Record<string, RpcTypedData> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (value === null || Array.isArray(value)) {
      continue;
    }
    if (typeof value === 'object') {
      metadata[key] = { json: JSON.stringify(value) };
    } else if (typeof value === 'boolean') {
      metadata[key] = { string: value ? 'True' : 'False' }; // .NET's text for a boolean
    } else {
      metadata[key] = { string: typeof value === 'string' ? value : JSON.stringify(value) };
    }
  }
  return metadata;
}

function inputText(input: RpcTypedData | undefined): string | undefined {
  if (input === undefined) {
    return undefined;
  }
  if (typeof input.string === 'string') {
    return input.string;
  }
  if (typeof input.json === 'string') {
    return input.json;
  }
  if (input.bytes) {
    return Buffer.from(input.bytes).toString('utf8');
  }
  if (typeof input.int === 'number' || typeof input.double === 'number') {
    return String(input.int ?? input.double);
  }
  return undefined;
}

/** A DateTimeOffset in UTC as Newtonsoft.Json writes it: fraction without trailing zeros, offset +00:00. */
function dotnetDate(date: Date): RpcTypedData {
  const iso = date.toISOString().replace(/\.?0*Z$/, '');
  return { json: JSON.stringify(`${iso}+00:00`) };
}
