import { Buffer } from 'node:buffer';
import v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './wireEncoding.js';

/** What the IPC channel ("advanced" serialization, the V8 serializer) delivers. */
function overChannel(sent: unknown): unknown {
  return v8.deserialize(v8.serialize(sent));
}

/** A message sent as the host and the worker send them: encoded, carried, decoded. */
function sendAndReceive(message: object): unknown {
  return decodeMessage(overChannel(encodeMessage(message)));
}

describe('host/worker messages over IPC', () => {
  it('sends an HTTP invocation and its response as JSON, bodies arriving as bytes of the same class', () => {
    const invoke = {
      type: 'invoke',
      id: 7,
      functionName: 'hello',
      request: {
        invocationId: 'id',
        inputData: [{ name: 'req', data: { http: { method: 'POST', headers: { 'content-type': 'x' }, body: { bytes: Buffer.from('héllo') } } } }],
        triggerMetadata: {},
        retryContext: null,
      },
    };
    expect(typeof encodeMessage(invoke)).toBe('string');
    const decoded = sendAndReceive(invoke) as typeof invoke;
    expect(decoded).toStrictEqual(invoke);
    expect(Buffer.isBuffer(decoded.request.inputData[0]?.data.http.body.bytes)).toBe(true);

    const result = { type: 'result', id: 7, outcome: { failed: false, returnedNothing: false, response: { outputData: [], returnValue: { http: { statusCode: '200', body: { bytes: new Uint8Array([0, 255, 10]) } } } } } };
    const decodedResult = sendAndReceive(result) as typeof result;
    expect(decodedResult).toStrictEqual(result);
    expect(Object.getPrototypeOf(decodedResult.outcome.response.returnValue.http.body.bytes)).toBe(Uint8Array.prototype);
  });

  it('sends a large body as the object itself, so its bytes are copied, not base64-encoded', () => {
    const message = { type: 'result', body: { bytes: Buffer.alloc(1024 * 1024, 7) } };
    expect(encodeMessage(message)).toBe(message);
    expect(sendAndReceive(message)).toStrictEqual(overChannel(message));
  });

  it('sends what JSON would change as the object itself, so it arrives as the channel delivers it', () => {
    const awkward = {
      nan: Number.NaN,
      negativeZero: -0,
      when: new Date(0),
      sparse: [1, , 3], // eslint-disable-line no-sparse-arrays
      holes: [undefined],
      map: new Map([['a', 1]]),
      big: 10n,
      floats: new Float32Array([1.5]),
      looksLikeBytes: { '$azfx:buffer': 'AAAA' },
    };
    for (const [name, value] of Object.entries(awkward)) {
      expect(typeof encodeMessage({ [name]: value }), name).toBe('object');
      expect(sendAndReceive({ [name]: value }), name).toStrictEqual(overChannel({ [name]: value }));
    }
  });

  it('throws for what the channel cannot carry (a function in a response), as it did before', () => {
    const message = { type: 'result', outcome: { response: { returnValue: () => 1 } } };
    expect(() => overChannel(encodeMessage(message))).toThrow();
  });

  it('delivers any data as the channel alone did (properties that were undefined are left out, as JSON leaves them)', () => {
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withNullPrototype: true, withBigInt: true }), (value) => {
        const message = { value };
        expect(sendAndReceive(message)).toEqual(overChannel(message));
      }),
    );
  });
});
