import { compareIgnoreCase } from './caseFold.js';
import type { RouteTemplate, TemplateSegment } from './templateModel.js';

// The Functions host sorts its HTTP routes before matching (WebJobsRouteBuilder), segment by segment on each
// segment's first part: a literal comes before a parameter; two literals in case-insensitive ordinal order; of two
// parameters, the one with more inline constraints first; and when one template is a prefix of the other, the
// longer one first. The first route in that order that matches (method included) wins.
// The host's sort is not stable, so routes it considers equal come out in no defined order. Here such ties are
// broken by ASP.NET Core's own inbound precedence (literal, complex segment, constrained parameter, parameter,
// constrained catch-all, catch-all), then by template text, so the order is always the same.

function hostSegmentOrder(x: TemplateSegment, y: TemplateSegment): number {
  const a = x.parts[0];
  const b = y.parts[0];
  if (a === undefined || b === undefined) return 0;
  if (a.kind === 'literal' && b.kind === 'parameter') return -1;
  if (a.kind === 'parameter' && b.kind === 'literal') return 1;
  if (a.kind === 'parameter' && b.kind === 'parameter') return b.constraints.length - a.constraints.length;
  if (a.kind === 'literal' && b.kind === 'literal') return compareIgnoreCase(a.text, b.text);
  return 0;
}

/** The Functions host's order: negative when `x` is tried before `y`. */
export function compareByHostOrder(x: RouteTemplate, y: RouteTemplate): number {
  const count = Math.min(x.segments.length, y.segments.length);
  for (let i = 0; i < count; i++) {
    const a = x.segments[i];
    const b = y.segments[i];
    if (a === undefined || b === undefined) break;
    const order = hostSegmentOrder(a, b);
    if (order !== 0) return order;
  }
  return y.segments.length - x.segments.length;
}

function inboundDigit(segment: TemplateSegment): number {
  const [first, ...rest] = segment.parts;
  if (rest.length > 0) return 2;
  if (first === undefined || first.kind === 'literal') return 1;
  const base = first.catchAll ? 5 : 3;
  return first.constraints.length > 0 ? base : base + 1;
}

/** ASP.NET Core's inbound precedence, segment by segment: negative when `x` is more specific. */
export function compareByInboundPrecedence(x: RouteTemplate, y: RouteTemplate): number {
  const count = Math.max(x.segments.length, y.segments.length);
  for (let i = 0; i < count; i++) {
    const a = x.segments[i];
    const b = y.segments[i];
    if (a === undefined || b === undefined) return a === undefined ? 1 : -1;
    const order = inboundDigit(a) - inboundDigit(b);
    if (order !== 0) return order;
  }
  return 0;
}

/** The full, deterministic order in which routes are tried. */
export function compareRoutes(x: RouteTemplate, y: RouteTemplate): number {
  return (
    compareByHostOrder(x, y) ||
    compareByInboundPrecedence(x, y) ||
    compareIgnoreCase(x.template, y.template) ||
    (x.template < y.template ? -1 : x.template > y.template ? 1 : 0)
  );
}
