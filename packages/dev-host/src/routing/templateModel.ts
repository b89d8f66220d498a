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
}

/** A parsed ASP.NET Core route template. Build one with `parseRouteTemplate`. */
export interface RouteTemplate {
  readonly template: string;
  readonly segments: readonly TemplateSegment[];
  readonly parameters: readonly ParameterPart[];
}

export function isSimpleParameter(segment: TemplateSegment): ParameterPart | undefined {
  const [only, ...rest] = segment.parts;
  return rest.length === 0 && only?.kind === 'parameter' ? only : undefined;
}
