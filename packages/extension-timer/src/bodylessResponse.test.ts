import { describe, expect, it } from 'vitest';
import { isBodylessResponse } from './bodylessResponse.js';

describe('isBodylessResponse', () => {
  it.each([204, 205, 304])('status %i has no body', (status) => {
    expect(isBodylessResponse(status, 'GET')).toBe(true);
  });

  it.each(['HEAD', 'head'])('a response to %s has no body', (method) => {
    expect(isBodylessResponse(200, method)).toBe(true);
  });

  it.each([200, 201, 206, 400, 404, 500])('status %i to GET has one', (status) => {
    expect(isBodylessResponse(status, 'GET')).toBe(false);
    expect(isBodylessResponse(status, undefined)).toBe(false);
  });
});
