import { foldCase } from './caseFold.js';
import type { ParameterPart, TemplatePart } from './templateModel.js';

// A complex segment mixes literals and parameters: 'file-{name}.txt', '{a}.{b}', '{name}.{ext?}'. ASP.NET Core
// matches it from the right: each literal is found at its LAST occurrence left of what has been consumed (leaving
// at least one character for a parameter waiting on its right), a parameter takes the text between two literals and
// must not be empty, and the outermost literals must sit exactly at the ends. So '{a}.{b}' splits 'x.y.z' into
// a='x.y', b='z'. This is the same procedure, written for this code base.

export type Captures = [name: string, value: string][];

function lastIndexWithin(foldedSegment: string, foldedLiteral: string, limit: number): number {
  const from = limit - foldedLiteral.length;
  return from < 0 ? -1 : foldedSegment.lastIndexOf(foldedLiteral, from);
}

function matchFromRight(parts: readonly TemplatePart[], segment: string, folded: string, lastUsed: number): Captures | undefined {
  const captures: Captures = [];
  let consumedFrom = segment.length; // everything at or after this index is matched
  let pending: ParameterPart | undefined;
  let pendingRightLiteral: number | undefined; // where the literal right of `pending` starts

  for (let index = lastUsed; index >= 0; index--) {
    const part = parts[index];
    if (part === undefined) return undefined;
    if (part.kind === 'parameter') {
      pending = part;
      pendingRightLiteral = consumedFrom;
      if (index === 0) {
        const value = segment.slice(0, consumedFrom);
        if (value === '') return undefined;
        captures.push([part.name, value]);
        consumedFrom = 0;
      }
      continue;
    }
    const limit = pending === undefined ? consumedFrom : consumedFrom - 1;
    if (limit <= 0) return undefined;
    const at = lastIndexWithin(folded, part.folded, limit);
    if (at === -1) return undefined;
    if (index === parts.length - 1 && at + part.text.length !== segment.length) return undefined;
    if (pending !== undefined && pendingRightLiteral !== undefined) {
      const value = segment.slice(at + part.text.length, pendingRightLiteral);
      if (value === '') return undefined;
      captures.push([pending.name, value]);
      pending = undefined;
    }
    consumedFrom = at;
  }
  const first = parts[0];
  return consumedFrom === 0 || first?.kind === 'parameter' ? captures : undefined;
}

/** Matches a decoded request segment against a complex template segment; the captured values, or undefined. */
export function matchComplexSegment(parts: readonly TemplatePart[], segment: string): Captures | undefined {
  const folded = foldCase(segment);
  const last = parts.length - 1;
  const lastPart = parts[last];
  const beforeLast = parts[last - 1];
  if (lastPart?.kind === 'parameter' && lastPart.optional && beforeLast?.kind === 'literal' && beforeLast.separator) {
    const full = matchFromRight(parts, segment, folded, last);
    if (full !== undefined) return full;
    // Without the optional tail, but a segment that ends in the separator ('name.') cannot drop it.
    if (folded.endsWith(beforeLast.folded)) return undefined;
    return matchFromRight(parts, segment, folded, last - 2);
  }
  return matchFromRight(parts, segment, folded, last);
}
