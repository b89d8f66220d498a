import type { ParameterPart, RouteTemplate, TemplatePart } from './templateModel.js';

export type FilledTemplate = { readonly path: string } | { readonly missing: readonly string[] };

// Route values are looked up as routing names them: case-insensitively.
function lookup(values: ReadonlyMap<string, string>, parameter: ParameterPart): string | undefined {
  return values.get(parameter.name.toLowerCase()) ?? parameter.defaultValue;
}

function encodeValue(parameter: ParameterPart, value: string): string {
  // A catch-all's value spans segments; its slashes stay separators.
  return parameter.catchAll ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
}

function fillSegment(parts: readonly TemplatePart[], values: ReadonlyMap<string, string>, missing: string[]): string {
  let text = '';
  parts.forEach((part, index) => {
    if (part.kind === 'literal') {
      // The '.' before an optional tail (`{name}.{ext?}`) goes with the tail.
      const next = parts[index + 1];
      const tailAbsent = part.separator && next?.kind === 'parameter' && lookup(values, next) === undefined;
      if (!tailAbsent) text += encodeURIComponent(part.text);
      return;
    }
    const value = lookup(values, part);
    if (value !== undefined) {
      text += encodeValue(part, value);
    } else if (!part.optional && !part.catchAll) {
      missing.push(part.name);
    }
  });
  return text;
}

/**
 * A request path for `template` (its prefix included, which the template carries) with `values` in its parameters:
 * a parameter without a value takes its default, or is left out when it is optional or a catch-all. The names of
 * required parameters with neither value nor default otherwise. Values are percent-encoded; the caller checks that
 * the path matches (constraints are not checked here).
 */
export function fillTemplate(template: RouteTemplate, values: Readonly<Record<string, string>>): FilledTemplate {
  const byName = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  const missing: string[] = [];
  const segments = template.segments.map((segment) => fillSegment(segment.parts, byName, missing)).filter((text) => text !== '');
  return missing.length > 0 ? { missing } : { path: `/${segments.join('/')}` };
}
