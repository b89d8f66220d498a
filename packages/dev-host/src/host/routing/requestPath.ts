import { foldCase } from './caseFold.js';

// How the host sees a request path: Kestrel percent-decodes the path before routing, except '%2F', which stays
// encoded so that it cannot turn into a separator; routing then splits on '/', ignores one trailing '/', and refuses
// empty segments ('a//b'). Here the split comes first and each segment is decoded on its own, which gives the same
// values. A malformed escape ('%E0%A4%A', '%zz') makes the segment undecodable: such a path matches no route.

const ENCODED_SLASH = /(%2[fF])/;

/** Percent-decodes one path segment, leaving '%2F' as it is; undefined when the escapes are malformed. */
export function decodeSegment(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  const pieces = raw.split(ENCODED_SLASH);
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i % 2 === 1) {
      out += piece;
      continue;
    }
    try {
      out += decodeURIComponent(piece);
    } catch {
      return undefined;
    }
  }
  return out;
}

/** A request path split into segments once, with each segment decoded and case-folded on first use. */
export class RequestPath {
  /** Every '/'-separated piece of the path, a trailing empty piece included (catch-alls keep the trailing '/'). */
  private readonly pieces: readonly string[];
  /** The segments routing sees: the pieces without the one empty piece a trailing '/' leaves. */
  readonly segmentCount: number;
  private readonly decoded: (string | null | undefined)[] = [];
  private readonly folded: (string | undefined)[] = [];

  /** `path` is below the root and has no leading '/': 'products/42'. */
  constructor(path: string) {
    this.pieces = path.split('/');
    const last = this.pieces[this.pieces.length - 1];
    this.segmentCount = last === '' ? this.pieces.length - 1 : this.pieces.length;
  }

  raw(index: number): string {
    return this.pieces[index] ?? '';
  }

  /** The decoded segment, or undefined when its percent-encoding is malformed. */
  segment(index: number): string | undefined {
    let value = this.decoded[index];
    if (value === undefined) {
      value = decodeSegment(this.raw(index)) ?? null;
      this.decoded[index] = value;
    }
    return value ?? undefined;
  }

  foldedSegment(index: number): string | undefined {
    let value = this.folded[index];
    if (value === undefined) {
      const segment = this.segment(index);
      if (segment === undefined) return undefined;
      value = foldCase(segment);
      this.folded[index] = value;
    }
    return value;
  }

  /** The decoded rest of the path from segment `index` on, separators and a trailing '/' included. */
  rest(index: number): string | undefined {
    let out = '';
    for (let i = index; i < this.pieces.length; i++) {
      const segment = i < this.segmentCount ? this.segment(i) : '';
      if (segment === undefined) return undefined;
      out += i === index ? segment : `/${segment}`;
    }
    return out;
  }
}
