import { describe, expect, it } from 'vitest';
import { handRunTriggerMetadata } from './handRunTriggerMetadata.js';

const now = new Date('2026-03-01T10:00:00.120Z');

describe('trigger metadata of a hand-run function', () => {
  it('gives a queue message its id, pop receipt, dequeue count and times, dates as .NET writes them', () => {
    const metadata = handRunTriggerMetadata('queueTrigger', { string: 'hello' }, now);
    expect(metadata).toMatchObject({
      QueueTrigger: { string: 'hello' },
      DequeueCount: { json: '1' },
      InsertionTime: { json: '"2026-03-01T10:00:00.12+00:00"' },
      ExpirationTime: { json: '"2026-03-08T10:00:00.12+00:00"' },
      NextVisibleTime: { json: '"2026-03-01T10:10:00.12+00:00"' },
    });
    expect(metadata.Id?.string).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(metadata.PopReceipt?.string).toMatch(/^[\w-]{16}$/);
  });

  it('gives a Service Bus message its first delivery', () => {
    const metadata = handRunTriggerMetadata('serviceBusTrigger', undefined, new Date('2026-03-01T10:00:00.000Z'));
    expect(metadata).toMatchObject({
      DeliveryCount: { json: '1' },
      SequenceNumber: { json: '1' },
      EnqueuedTimeUtc: { json: '"2026-03-01T10:00:00+00:00"' },
      ExpiresAtUtc: { json: '"2026-03-15T10:00:00+00:00"' },
    });
    expect(metadata.MessageId?.string).toMatch(/^[0-9a-f]{32}$/);
  });

  it('adds the top-level properties of a JSON object input for any trigger, and nothing for other input', () => {
    expect(handRunTriggerMetadata('eventGridTrigger', { string: '{"subject":"a/b","data":{"x":1},"tags":["t"],"n":null,"ok":false}' })).toEqual({
      subject: { string: 'a/b' },
      data: { json: '{"x":1}' },
      ok: { string: 'False' },
    });
    expect(handRunTriggerMetadata('eventGridTrigger', { string: '{not json}' })).toEqual({});
    expect(handRunTriggerMetadata('blobTrigger', { string: '[1,2]' })).toEqual({});
    expect(handRunTriggerMetadata('blobTrigger', undefined)).toEqual({});
  });
});
