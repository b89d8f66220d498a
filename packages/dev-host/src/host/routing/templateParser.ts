import { foldCase } from './caseFold.js';
import { resolveConstraint, type RouteConstraint } from './routeConstraints.js';
import {
  makeSegment,
  RouteTemplateError,
  type LiteralPart,
  type ParameterPart,
  type RouteTemplate,
  type TemplatePart,
  type TemplateSegment,
} from './templateModel.js';

// The grammar and its rules are those of ASP.NET Core's route pattern parser, which the Functions host uses:
// segments split on '/', literal text with '{{' and '}}' as escaped braces, parameters in braces
// (`{*name:constraint(arg):other=default?}`), and the same validity checks, so a template that the host refuses
// is refused here too, with a message that says why and what to do.

const INVALID_NAME_CHARACTERS = /[/{}?*]/;

class Problem extends Error {}

function fail(problem: string): never {
  throw new Problem(problem);
}

function literal(text: string): LiteralPart {
  if (text.includes('?')) {
    fail(`the literal '${text}' contains '?', which a route cannot match (a query string is not part of the path)`);
  }
  return { kind: 'literal', text, folded: foldCase(text), separator: false };
}

/** Reads literal text from `start` up to a '/', a parameter or the end; returns the part and where it stopped. */
function scanLiteral(text: string, start: number): [LiteralPart, number] {
  let value = '';
  let i = start;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '/') break;
    if (ch === '{') {
      if (text.charAt(i + 1) !== '{') break;
      value += '{';
      i += 2;
      continue;
    }
    if (ch === '}') {
      if (text.charAt(i + 1) !== '}') {
        fail(`there is an unmatched '}' at position ${i + 1}; write '}}' for a literal brace`);
      }
      value += '}';
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return [literal(value), i];
}

/** Finds the end of the parameter that opens at `start` ('{'); returns its inner text with braces unescaped. */
function scanParameter(text: string, start: number): [string, number] {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) {
      fail(`the parameter that opens at position ${start + 1} is never closed with '}'`);
    }
    const ch = text.charAt(i);
    if (ch === '{') {
      if (text.charAt(i + 1) !== '{') {
        fail(`a '{' inside a parameter must be written '{{' (at position ${i + 1})`);
      }
      i += 2;
      continue;
    }
    if (ch === '}') {
      if (text.charAt(i + 1) === '}') {
        i += 2;
        continue;
      }
      const inner = text.slice(start + 1, i).replaceAll('}}', '}').replaceAll('{{', '{');
      return [inner, i + 1];
    }
    i++;
  }
}

/**
 * Splits the text of one constraint off at `start` (just after its ':'). A constraint ends at the next ':' or '=';
 * once it has opened a parenthesis, only a ')' followed by ':', '=' or the end closes it, so a regex may contain
 * parentheses and colons.
 */
function scanConstraint(inner: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const ch = inner.charAt(i);
    if (ch === ':' || ch === '=') return i;
    if (ch === '(') {
      let close = inner.indexOf(')', i + 1);
      while (close !== -1 && close < end) {
        const after = close + 1;
        if (after === end || inner.charAt(after) === ':' || inner.charAt(after) === '=') return after;
        close = inner.indexOf(')', after);
      }
      return end;
    }
    i++;
  }
  return end;
}

function parseParameter(inner: string, names: Set<string>): ParameterPart {
  if (inner === '') fail("it has an empty parameter '{}'; give the parameter a name, e.g. '{id}'");
  const catchAll = inner.startsWith('*');
  const start = inner.startsWith('**') ? 2 : catchAll ? 1 : 0;
  if (catchAll && inner.endsWith('?')) {
    fail(`the catch-all parameter '{${inner}}' cannot be optional; a catch-all already matches an empty rest`);
  }
  const optional = inner.endsWith('?');
  const end = optional ? inner.length - 1 : inner.length;

  let i = start;
  while (i < end && !((inner.charAt(i) === ':' || inner.charAt(i) === '=') && i !== start)) i++;
  const name = inner.slice(start, i);

  const constraints: RouteConstraint[] = [];
  while (i < end && inner.charAt(i) === ':') {
    const stop = scanConstraint(inner, i + 1, end);
    const resolution = resolveConstraint(inner.slice(i + 1, stop));
    if (!resolution.ok) fail(`in the parameter '{${inner}}', ${resolution.problem}`);
    constraints.push(resolution.constraint);
    i = stop;
  }
  const defaultValue = i < end && inner.charAt(i) === '=' ? inner.slice(i + 1, end) : undefined;

  if (optional && defaultValue !== undefined) {
    fail(`the parameter '{${inner}}' is both optional and has a default value; use either '?' or '=value'`);
  }
  if (name === '' || INVALID_NAME_CHARACTERS.test(name)) {
    fail(`'${name}' is not a valid parameter name; names must be non-empty and cannot contain / { } ? or *`);
  }
  const key = name.toLowerCase();
  if (names.has(key)) fail(`the parameter name '${name}' is used more than once (names are case-insensitive)`);
  names.add(key);

  return { kind: 'parameter', name, catchAll, optional, defaultValue, constraints };
}

function describe(parts: readonly TemplatePart[]): string {
  return parts
    .map((part) => (part.kind === 'literal' ? part.text : `{${part.name}}`))
    .join('');
}

/** The checks ASP.NET Core applies to a segment with more than one part, e.g. `{name}.{ext?}`. */
function validateSegment(parts: TemplatePart[]): void {
  if (parts.length < 2) return;
  const segment = describe(parts);
  parts.forEach((part, index) => {
    if (part.kind !== 'parameter') return;
    if (part.catchAll) {
      fail(`the segment '${segment}' mixes the catch-all parameter '${part.name}' with other text; a catch-all must be a segment of its own`);
    }
    const previous = parts[index - 1];
    if (previous?.kind === 'parameter') {
      fail(`the segment '${segment}' has two parameters in a row; separate them with literal text, e.g. '{a}-{b}'`);
    }
    if (!part.optional) return;
    if (index !== parts.length - 1) {
      fail(`in the segment '${segment}', the optional parameter '${part.name}' must come last`);
    }
    if (previous?.kind !== 'literal' || previous.text !== '.') {
      fail(`in the segment '${segment}', the optional parameter '${part.name}' may only follow a period ('.'), as in '{name}.{ext?}'`);
    }
    parts[index - 1] = { ...previous, separator: true };
  });
}

function parseSegments(body: string): TemplateSegment[] {
  const names = new Set<string>();
  const segments: TemplateSegment[] = [];
  let i = 0;
  while (i < body.length) {
    if (body.charAt(i) === '/') {
      fail("it contains '//' (an empty segment); remove the extra '/'");
    }
    const parts: TemplatePart[] = [];
    while (i < body.length && body.charAt(i) !== '/') {
      if (body.charAt(i) === '{' && body.charAt(i + 1) !== '{') {
        const [inner, next] = scanParameter(body, i);
        parts.push(parseParameter(inner, names));
        i = next;
      } else {
        const [part, next] = scanLiteral(body, i);
        parts.push(part);
        i = next;
      }
    }
    validateSegment(parts);
    segments.push(makeSegment(parts));
    i++; // the '/' (a final '/' simply ends the template)
  }
  return segments;
}

function validateCatchAllIsLast(segments: readonly TemplateSegment[]): void {
  segments.forEach((segment, index) => {
    for (const part of segment.parts) {
      if (part.kind === 'parameter' && part.catchAll && index !== segments.length - 1) {
        fail(`the catch-all parameter '${part.name}' must be in the last segment`);
      }
    }
  });
}

export function parseTemplate(template: string): RouteTemplate {
  if (typeof template !== 'string') {
    throw new RouteTemplateError(String(template), 'a route template must be a string');
  }
  try {
    if (template.startsWith('~') && !template.startsWith('~/')) fail("a template may start with '~/' but not '~'");
    const body = template.startsWith('~/') ? template.slice(2) : template.startsWith('/') ? template.slice(1) : template;
    const segments = parseSegments(body);
    validateCatchAllIsLast(segments);
    const parameters = segments.flatMap((segment) =>
      segment.parts.filter((part): part is ParameterPart => part.kind === 'parameter'),
    );
    return { template, segments, parameters };
  } catch (error) {
    if (error instanceof Problem) throw new RouteTemplateError(template, error.message);
    throw error;
  }
}
