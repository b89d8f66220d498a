import { matchComplexSegment, type Captures } from './complexSegment.js';
import type { RequestPath } from './requestPath.js';
import type { ParameterPart, RouteTemplate } from './templateModel.js';

// Matching follows ASP.NET Core's route pattern matcher: walk the request segments against the template segments;
// stop at a catch-all, which takes the rest; template segments left over must be parameters that may be absent
// (optional, defaulted, catch-all). Then every inline constraint must accept its parameter's value; a defaulted
// parameter's default is checked too, an absent optional parameter is not checked at all.

function matchSegments(route: RouteTemplate, path: RequestPath, values: Captures): boolean {
  const { segments } = route;
  let index = 0;
  for (; index < path.segmentCount; index++) {
    if (path.raw(index) === '') return false;
    const segment = segments[index];
    if (segment === undefined) return false;
    const { parameter, literal } = segment;
    if (parameter?.catchAll === true) {
      const rest = path.rest(index);
      if (rest === undefined) return false;
      values.push([parameter.name, rest]);
      return true;
    }
    if (parameter !== undefined) {
      const value = path.segment(index);
      if (value === undefined) return false;
      values.push([parameter.name, value]);
      continue;
    }
    if (literal !== undefined) {
      if (path.foldedSegment(index) !== literal.folded) return false;
      continue;
    }
    const value = path.segment(index);
    if (value === undefined) return false;
    const captures = matchComplexSegment(segment.parts, value);
    if (captures === undefined) return false;
    values.push(...captures);
  }
  for (; index < segments.length; index++) {
    const segment = segments[index];
    const parameter = segment?.parameter;
    if (parameter === undefined) return false;
    if (parameter.defaultValue !== undefined) {
      values.push([parameter.name, parameter.defaultValue]);
    } else if (!parameter.optional && !parameter.catchAll) {
      return false;
    }
  }
  return true;
}

function satisfiesConstraints(parameter: ParameterPart, value: string | undefined): boolean {
  if (parameter.constraints.length === 0) return true;
  // An optional parameter without a value is not checked; a catch-all without one fails its constraints, as in
  // ASP.NET Core, where the constraint receives no value.
  if (value === undefined) return parameter.optional;
  return parameter.constraints.every((constraint) => constraint.test(value));
}

export function matchTemplate(route: RouteTemplate, path: RequestPath): Record<string, string> | undefined {
  const captured: Captures = [];
  if (!matchSegments(route, path, captured)) return undefined;
  const values = new Map(captured);
  for (const parameter of route.parameters) {
    let value = values.get(parameter.name);
    if (value === undefined && parameter.defaultValue !== undefined) {
      // A complex segment's optional tail that did not match falls back to nothing; other defaults were applied.
      value = parameter.defaultValue;
      values.set(parameter.name, value);
    }
    if (!satisfiesConstraints(parameter, value)) return undefined;
  }
  // fromEntries defines own properties, so even a parameter named '__proto__' is an ordinary key.
  return Object.fromEntries(values);
}
