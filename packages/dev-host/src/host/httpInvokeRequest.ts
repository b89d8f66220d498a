import type { RpcTypedData } from '../app/coreApiTypes.js';
import { toRpcHttpData } from './http/toRpcHttp.js';
import type { RouteTable } from './routing/routeTable.js';
import type { HttpInvokeInput } from './publicTypes.js';

interface UrlAndParams {
  readonly url: URL;
  readonly params: Record<string, string>;
}

/**
 * The URL and route params of `invoke()` for an HTTP function, consistent with each other as in a real request:
 * params come from matching the url against the function's route, and a missing url is built from the route and
 * the params. Both given: both used as they are. Throws a TypeError when they cannot agree.
 */
function urlAndParams(functionName: string, input: HttpInvokeInput, routeTable: RouteTable, baseUrl: string): UrlAndParams {
  checkShape(functionName, input);
  const route = routeTable.routeUrlPath(functionName);
  if (input.url !== undefined) {
    const url = new URL(input.url, baseUrl);
    if (input.params !== undefined) {
      return { url, params: { ...input.params } };
    }
    const params = routeTable.matchFunction(functionName, url.pathname);
    if (params === undefined) {
      throw new TypeError(
        `The url ${JSON.stringify(input.url)} does not match the route of "${functionName}" (${route}), so it has no route params: ` +
          'pass a url that matches the route, or pass input.params as well.',
      );
    }
    return { url, params };
  }

  const filled = routeTable.fillRoute(functionName, input.params ?? {});
  if ('missing' in filled) {
    const names = filled.missing.map((name) => `{${name}}`).join(', ');
    throw new TypeError(`"${functionName}" has the route ${route}, with no value for ${names}: pass input.url (a path that matches the route) or input.params.`);
  }
  const url = new URL(filled.path, baseUrl);
  const params = routeTable.matchFunction(functionName, filled.path);
  if (params === undefined) {
    throw new TypeError(
      `The params ${JSON.stringify(input.params ?? {})} give the URL ${filled.path}, which the route of "${functionName}" (${route}) does not match: ` +
        'pass params that fit the route, or input.url as well.',
    );
  }
  return { url, params: input.params === undefined ? params : { ...input.params } };
}

/** Callers may be plain JavaScript: a url or params of the wrong type would otherwise turn into a confusing request. */
function checkShape(functionName: string, input: HttpInvokeInput): void {
  const { url, params } = input as { url?: unknown; params?: unknown };
  if (url !== undefined && typeof url !== 'string') {
    throw new TypeError(`The url of HTTP function "${functionName}" must be a string such as '/api/products/7?q=1' (got ${typeof url}).`);
  }
  const entries = typeof params === 'object' && params !== null ? Object.values(params) : undefined;
  if (params !== undefined && (entries === undefined || entries.some((value) => typeof value !== 'string'))) {
    throw new TypeError(`The params of HTTP function "${functionName}" must be an object of strings, such as { id: '7' }.`);
  }
}

/** The trigger data `invoke()` gives an HTTP function: the request a client would have sent, built from `input`. */
export function httpInvokeRequest(functionName: string, input: HttpInvokeInput, routeTable: RouteTable, baseUrl: string): NonNullable<RpcTypedData['http']> {
  const { url, params } = urlAndParams(functionName, input, routeTable, baseUrl);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  return toRpcHttpData({ method: (input.method ?? 'GET').toUpperCase(), url, headers, params, body });
}
