import { describe, expect, it } from 'vitest';
import { isMeasured } from './measuredFunctions.js';

describe('isMeasured', () => {
  it('measures every function when no list is given', () => {
    expect(isMeasured('HttpTrigger', { include: undefined, exclude: undefined })).toBe(true);
  });

  it('measures only included functions, ignoring case', () => {
    const selection = { include: ['httptrigger', 'Heartbeat'], exclude: undefined };
    expect(isMeasured('HttpTrigger', selection)).toBe(true);
    expect(isMeasured('HEARTBEAT', selection)).toBe(true);
    expect(isMeasured('Other', selection)).toBe(false);
  });

  it('measures nothing with an empty include list', () => {
    expect(isMeasured('HttpTrigger', { include: [], exclude: undefined })).toBe(false);
  });

  it('skips excluded functions, ignoring case, even when included', () => {
    expect(isMeasured('HttpTrigger', { include: undefined, exclude: ['HTTPTRIGGER'] })).toBe(false);
    expect(isMeasured('HttpTrigger', { include: ['HttpTrigger'], exclude: ['httptrigger'] })).toBe(false);
    expect(isMeasured('Other', { include: undefined, exclude: ['HttpTrigger'] })).toBe(true);
  });

  it('reads and lower-cases the lists once per configuration, not on every invocation', () => {
    let entriesRead = 0;
    const counted = (list: string[]) =>
      new Proxy(list, {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) entriesRead += 1;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    const selection = { include: counted(['HttpTrigger', 'Heartbeat']), exclude: counted(['Heartbeat']) };
    const answers = ['HttpTrigger', 'Heartbeat', 'Other', 'httptrigger'].map((name) => isMeasured(name, selection));
    expect(answers).toEqual([true, false, false, true]);
    expect(entriesRead).toBe(3);
  });

  it('answers for a new configuration with its own lists', () => {
    expect(isMeasured('HttpTrigger', { include: ['Other'], exclude: undefined })).toBe(false);
    expect(isMeasured('HttpTrigger', { include: ['HttpTrigger'], exclude: undefined })).toBe(true);
  });
});
