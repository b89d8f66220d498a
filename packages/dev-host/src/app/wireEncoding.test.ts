import { Buffer } from 'node:buffer';
import v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './wireEncoding.js';

/** What Node's JSON IPC channel does to a message: stringify on one side, parse on the other. */
function overJsonChannel(message: object): unknown {
  return decodeMessage(JSON.parse(JSON.stringify(encodeMessage(message))));
}

/** What the "advanced" channel used before delivered: a V8 structured clone. */
function overV8Channel(message: object): unknown {
  return v8.deserialize(v8.serialize(message));
}

describe('host/worker messages over the JSON channel', () => {
  it('carries an HTTP invocation and its response, bodies as bytes of the same class', () => {
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
    const decoded = overJsonChannel(invoke) as typeof invoke;
    expect(decoded).toStrictEqual(invoke);
    expect(Buffer.isBuffer(decoded.request.inputData[0]?.data.http.body.bytes)).toBe(true);

    const result = { type: 'result', id: 7, outcome: { failed: false, returnedNothing: false, response: { outputData: [], returnValue: { http: { statusCode: '200', body: { bytes: new Uint8Array([0, 255, 10]) } } } } } };
    const decodedResult = overJsonChannel(result) as typeof result;
    expect(decodedResult).toStrictEqual(result);
    expect(Object.getPrototypeOf(decodedResult.outcome.response.returnValue.http.body.bytes)).toBe(Uint8Array.prototype);
  });

  it('sends what JSON would change through V8, so it arrives as the advanced channel delivered it', () => {
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
      expect(overJsonChannel({ [name]: value }), name).toStrictEqual(overV8Channel({ [name]: value }));
    }
  });

  it('throws for what no channel can carry (a function in a response), as the advanced channel did', () => {
    expect(() => encodeMessage({ type: 'result', outcome: { response: { returnValue: () => 1 } } })).toThrow();
  });

  it('delivers any data as the V8 channel did (properties that were undefined are left out, as JSON leaves them)', () => {
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withNullPrototype: true, withBigInt: true }), (value) => {
        const message = { value };
        expect(overJsonChannel(message)).toEqual(overV8Channel(message));
      }),
    );
  });
});
