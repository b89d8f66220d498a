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
});
