import { foldCase } from './caseFold.js';
import { fillTemplate, type FilledTemplate } from './fillTemplate.js';
import { RequestPath } from './requestPath.js';
import { compareRoutes } from './routePrecedence.js';
import { parseRouteTemplate, RouteTemplateError, type RouteTemplate } from './routeTemplate.js';
import { matchTemplate } from './templateMatcher.js';

export interface HttpRouteDefinition {
  functionName: string;
  /** The trigger's `route` as registered; the caller passes the function name when the app gave none. */
  route: string;
  /** Allowed methods; an empty list allows every method, as in the host. */
  methods: readonly string[];
}

export interface RouteMatch {
  functionName: string;
  params: Record<string, string>;
}

/** The app's HTTP routes cannot be served: reserved routes, conflicting routes, invalid templates. */
export class RouteConfigurationError extends Error {
  override readonly name = 'RouteConfigurationError';
  /** One line per problem found; `message` lists them all. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `The HTTP routes of this app have ${problems.length} problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

interface RouteEntry {
  readonly functionName: string;
  /** The route as the app wrote it, without the prefix. */
  readonly route: string;
  /** Prefix and route together: what requests are matched against. */
  readonly template: RouteTemplate;
  /** Upper-case methods; empty means every method. */
  readonly methods: ReadonlySet<string>;
}

// The host refuses these at start-up: its own endpoints live under /admin and /runtime, and the check is a plain
// prefix test on the route without the routePrefix, so 'administration' and 'runtimes/x' are refused as well.
const RESERVED_PREFIXES = ['admin', 'runtime'];

/** Callers may be plain JavaScript: treat anything that is not a string as text that matches nothing. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+|\/+$/g, '');
}

/** The route's shape with parameter names left out: two templates with the same shape match the same requests. */
function shapeOf(template: RouteTemplate): string {
  return template.segments
    .map((segment) =>
      segment.parts
        .map((part) => {
          if (part.kind === 'literal') return foldCase(part.text).replaceAll('{', '{{').replaceAll('}', '}}');
          const constraints = part.constraints.map((constraint) => `:${constraint.text.toLowerCase()}`).join('');
          const value = part.defaultValue === undefined ? '' : `=${part.defaultValue}`;
          return `{${part.catchAll ? '*' : ''}${constraints}${value}${part.optional ? '?' : ''}}`;
        })
        .join(''),
    )
    .join('/');
}

function describeMethods(methods: ReadonlySet<string>): string {
  return methods.size === 0 ? 'every method' : [...methods].join(',');
}

function overlappingMethods(a: ReadonlySet<string>, b: ReadonlySet<string>): string | undefined {
  if (a.size === 0) return describeMethods(b);
  if (b.size === 0) return describeMethods(a);
  const shared = [...a].filter((method) => b.has(method));
  return shared.length === 0 ? undefined : shared.join(',');
}

function validateDefinition(definition: HttpRouteDefinition, problems: string[]): boolean {
  const { functionName, route, methods } = definition;
  if (typeof functionName !== 'string' || functionName === '') {
    problems.push(`An HTTP function has no name (got ${JSON.stringify(functionName)}); every function needs one.`);
    return false;
  }
  if (typeof route !== 'string') {
    problems.push(`Function '${functionName}' has a route that is not a string (${JSON.stringify(route)}); pass the route template as a string.`);
    return false;
  }
  if (!Array.isArray(methods) || methods.some((method) => typeof method !== 'string' || method.trim() === '')) {
    problems.push(`Function '${functionName}' has invalid methods ${JSON.stringify(methods)}; use names such as 'GET' and 'POST'.`);
    return false;
  }
  const lowered = trimSlashes(route).toLowerCase();
  const reserved = RESERVED_PREFIXES.find((prefix) => lowered.startsWith(prefix));
  if (reserved !== undefined) {
    problems.push(
      `Function '${functionName}' has the route '${route}', which conflicts with the host's built-in routes: ` +
        `routes starting with 'admin' or 'runtime' are reserved (whatever the routePrefix). Choose a route that does not start with '${reserved}'.`,
    );
    return false;
  }
  return true;
}

function parseFunctionRoute(functionName: string, route: string, problems: string[]): boolean {
  try {
    parseRouteTemplate(route);
    return true;
  } catch (error) {
    if (!(error instanceof RouteTemplateError)) throw error;
    problems.push(`Function '${functionName}' has an invalid route '${route}': ${error.problem}. Fix the 'route' option where the function is registered (app.http('${functionName}', { route: ... })).`);
    return false;
  }
}

/**
 * The app's HTTP routes, validated and sorted once, in the order the Functions host tries them. `match` finds the
 * function for a request; a method the route does not allow does not match, so the caller answers 404.
 */
export class RouteTable {
  private readonly entries: readonly RouteEntry[];
  private readonly byName: ReadonlyMap<string, RouteEntry>;
  private readonly prefix: string;

  private constructor(entries: readonly RouteEntry[], prefix: string) {
    this.entries = entries;
    this.prefix = prefix;
    this.byName = new Map(entries.map((entry) => [entry.functionName.toLowerCase(), entry]));
  }

  /**
   * Validates and sorts the routes. `routePrefix` comes from host.json `extensions.http.routePrefix` ('api' by
   * default; '' for none). Throws a RouteConfigurationError listing every problem found.
   */
  static build(routes: readonly HttpRouteDefinition[], options: { routePrefix: string }): RouteTable {
    const problems: string[] = [];
    const prefix = trimSlashes(typeof options.routePrefix === 'string' ? options.routePrefix : '');
    if (prefix !== '') {
      try {
        const parsed = parseRouteTemplate(prefix);
        if (parsed.parameters.length > 0) {
          problems.push(`The routePrefix '${options.routePrefix}' contains a parameter; set extensions.http.routePrefix in host.json to plain text such as 'api', or '' for none.`);
        }
      } catch (error) {
        if (!(error instanceof RouteTemplateError)) throw error;
        problems.push(`The routePrefix '${options.routePrefix}' is invalid: ${error.problem}. Fix extensions.http.routePrefix in host.json.`);
      }
    }

    const prefixUsable = problems.length === 0;
    const entries: RouteEntry[] = [];
    const names = new Map<string, string>();
    for (const definition of routes) {
      if (!validateDefinition(definition, problems)) continue;
      const { functionName } = definition;
      const seen = names.get(functionName.toLowerCase());
      if (seen !== undefined) {
        problems.push(`The function name '${functionName}' is used twice ('${seen}' and '${functionName}'); function names must be unique (case-insensitive).`);
        continue;
      }
      names.set(functionName.toLowerCase(), functionName);
      const route = trimSlashes(definition.route.trim() === '' ? functionName : definition.route);
      if (!parseFunctionRoute(functionName, route, problems)) continue;
      entries.push({
        functionName,
        route,
        template: parseRouteTemplate(prefix === '' || !prefixUsable ? route : `${prefix}/${route}`),
        methods: new Set(definition.methods.map((method) => method.trim().toUpperCase())),
      });
    }

    const shapes = new Map<string, RouteEntry[]>();
    for (const entry of entries) {
      const shape = shapeOf(entry.template);
      const same = shapes.get(shape) ?? [];
      for (const other of same) {
        const shared = overlappingMethods(other.methods, entry.methods);
        if (shared !== undefined) {
          problems.push(
            `Functions '${other.functionName}' and '${entry.functionName}' conflict: both handle ${shared} on the same route ` +
              `('${other.route}' and '${entry.route}'), so a request could not tell them apart. Give one of them another route or methods that do not overlap.`,
          );
        }
      }
      same.push(entry);
      shapes.set(shape, same);
    }

    if (problems.length > 0) throw new RouteConfigurationError(problems);
    const sorted = [...entries].sort(
      (a, b) => compareRoutes(a.template, b.template) || (a.functionName < b.functionName ? -1 : a.functionName > b.functionName ? 1 : 0),
    );
    return new RouteTable(sorted, prefix);
  }

  /**
   * The function that serves `method` on `pathname` (the full path, prefix included, e.g. '/api/products/1'),
   * with its route values, or undefined. Never throws.
   */
  match(method: string, pathname: string): RouteMatch | undefined {
    const verb = asText(method).toUpperCase();
    const path = new RequestPath(asText(pathname).replace(/^\//, ''));
    for (const entry of this.entries) {
      if (entry.methods.size > 0 && !entry.methods.has(verb)) continue;
      const params = matchTemplate(entry.template, path);
      if (params !== undefined) return { functionName: entry.functionName, params };
    }
    return undefined;
  }

  /**
   * Matches `pathname` (prefix included) against one function's route, whatever the method and the routes tried
   * before it: that route's values, or undefined when the path does not fit it. Never throws for the path.
   */
  matchFunction(functionName: string, pathname: string): Record<string, string> | undefined {
    return matchTemplate(this.entryOf(functionName).template, new RequestPath(asText(pathname).replace(/^\//, '')));
  }

  /**
   * A request path (prefix included) for one function's route with `values` in its parameters, or the names of the
   * required parameters that have no value; see fillTemplate. Check the path with `matchFunction`.
   */
  fillRoute(functionName: string, values: Readonly<Record<string, string>>): FilledTemplate {
    return fillTemplate(this.entryOf(functionName).template, values);
  }

  /** The URL path of a function's route for listings, e.g. '/api/products/{id:int?}'. */
  routeUrlPath(functionName: string): string {
    const entry = this.entryOf(functionName);
    return `/${this.prefix === '' ? entry.route : `${this.prefix}/${entry.route}`}`;
  }

  private entryOf(functionName: string): RouteEntry {
    const entry = this.byName.get(asText(functionName).toLowerCase());
    if (entry === undefined) throw new RangeError(`There is no HTTP function named '${functionName}' in the route table.`);
    return entry;
  }

  /** Function names in the order their routes are tried. */
  get functionNames(): readonly string[] {
    return this.entries.map((entry) => entry.functionName);
  }
}
