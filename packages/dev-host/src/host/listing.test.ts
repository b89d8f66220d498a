import { describe, expect, it } from 'vitest';
import { inListingOrder } from './listing.js';

const http = (name: string) => ({ name, url: `http://localhost:7071/api/${name}` });
const other = (name: string) => ({ name });

describe('inListingOrder', () => {
  it('puts HTTP functions first, then the others, whatever order the app registered them in', () => {
    const listed = inListingOrder([other('tick'), http('zeta'), other('drain'), http('alpha')]);
    expect(listed.map((fn) => fn.name)).toEqual(['alpha', 'zeta', 'drain', 'tick']);
  });

  it('orders names as .NET OrdinalIgnoreCase does: case ignored, then code units ("_" after the letters)', () => {
    const listed = inListingOrder([http('a_b'), http('Ab2'), http('ab'), http('Zed'), http('apple')]);
    // Upper-cased: AB < AB2 < APPLE < A_B ("_" is 0x5F, after "Z"); a locale-aware sort would put a_b first.
    expect(listed.map((fn) => fn.name)).toEqual(['ab', 'Ab2', 'apple', 'a_b', 'Zed']);
  });
});
