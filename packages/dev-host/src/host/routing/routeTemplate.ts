import { RequestPath } from './requestPath.js';
import { matchTemplate } from './templateMatcher.js';
import { parseTemplate } from './templateParser.js';
import type { RouteTemplate } from './templateModel.js';

export { RouteTemplateError } from './templateModel.js';
export type { LiteralPart, ParameterPart, RouteTemplate, TemplatePart, TemplateSegment } from './templateModel.js';
export type { RouteConstraint } from './routeConstraints.js';

/**
 * Parses an ASP.NET Core route template as the Azure Functions host reads the `route` of an HTTP trigger:
 * case-insensitive literals, `{x}`, optional `{x?}`, defaults `{x=v}`, catch-alls `{*rest}` / `{**rest}`, inline
 * constraints (`{id:int:min(1)?}`, `{code:regex(^\d{{3}}$)}`) and complex segments (`{name}.{ext?}`).
 * Constraint regexes are compiled here, once. Throws a RouteTemplateError naming the template and the problem.
 */
export function parseRouteTemplate(template: string): RouteTemplate {
  return parseTemplate(template);
}

/**
 * Matches `path` (below the route prefix, percent-encoded as received, no leading '/', e.g. 'products/42') and
 * returns the route values: URL-decoded (except '%2F', which stays encoded as the host leaves it), defaults applied,
 * absent optional parameters omitted. Undefined when the path does not match, including when its percent-encoding
 * is malformed. Never throws.
 */
export function matchRouteTemplate(route: RouteTemplate, path: string): Record<string, string> | undefined {
  return matchTemplate(route, new RequestPath(path));
}
