import type { RouteConstraint } from './routeConstraints.js';

/** A route template that cannot be used. The message names the template and the problem. */
export class RouteTemplateError extends Error {
  override readonly name = 'RouteTemplateError';
  readonly template: string;
  readonly problem: string;

  constructor(template: string, problem: string) {
    super(`The route template '${template}' is invalid: ${problem}.`);
    this.template = template;
    this.problem = problem;
  }
}

/** Literal text in a segment, compared case-insensitively. */
export interface LiteralPart {
  readonly kind: 'literal';
  readonly text: string;
  /** `text` case-folded once, for comparisons. */
  readonly folded: string;
  /** True for the '.' that precedes a trailing optional parameter in a complex segment (`{name}.{ext?}`). */
  readonly separator: boolean;
}

export interface ParameterPart {
  readonly kind: 'parameter';
  readonly name: string;
  /** `{*rest}` or `{**rest}`: takes the rest of the path, slashes included. */
  readonly catchAll: boolean;
  /** `{x?}`: may be absent; an absent optional parameter has no value at all. */
  readonly optional: boolean;
  /** `{x=v}`: the value used when the path does not provide one. */
  readonly defaultValue: string | undefined;
  readonly constraints: readonly RouteConstraint[];
}

export type TemplatePart = LiteralPart | ParameterPart;

export interface TemplateSegment {
  readonly parts: readonly TemplatePart[];
  /** The segment's only part when it is a lone parameter (`{id}`, `{*rest}`), worked out once when parsing. */
  readonly parameter: ParameterPart | undefined;
  /** The segment's only part when it is plain literal text. */
  readonly literal: LiteralPart | undefined;
}

/** A parsed ASP.NET Core route template. Build one with `parseRouteTemplate`. */
export interface RouteTemplate {
  readonly template: string;
  readonly segments: readonly TemplateSegment[];
  readonly parameters: readonly ParameterPart[];
}

export function makeSegment(parts: readonly TemplatePart[]): TemplateSegment {
  const only = parts.length === 1 ? parts[0] : undefined;
  return {
    parts,
    parameter: only?.kind === 'parameter' ? only : undefined,
    literal: only?.kind === 'literal' ? only : undefined,
  };
}
