import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
  HTTP_REQUEST_HEADER_PREFIX,
  HTTP_RESPONSE_HEADER_PREFIX,
  setMethodAttributes,
} from './semanticConventions.js';

// Requests and responses are recognised by their shape, not with `instanceof`: @azure/functions is CommonJS, its
// classes are not named exports for ES modules, and its Headers may come from another copy of undici than Node's.

interface HeadersLike {
  get(name: string): string | null;
}

/** What the span needs of an HTTP trigger's request (`HttpRequest` in every @azure/functions 4.x). */
export interface RequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: HeadersLike;
}

/** The trigger input when it is an HTTP request, `undefined` otherwise. */
export function asRequest(triggerInput: unknown): RequestLike | undefined {
  const candidate = triggerInput as Partial<RequestLike> | null | undefined;
  if (typeof candidate?.method !== 'string' || typeof candidate.url !== 'string') return undefined;
  return typeof candidate.headers?.get === 'function' ? (candidate as RequestLike) : undefined;
}

/**
 * The route template the function was registered with, below the host's route prefix, as `http.route` wants it:
 * `/api/products/{id:int?}`. A function without a route answers at its own name.
 */
export function httpRouteOf(functionName: string, route: unknown, routePrefix: string): string {
  const template = typeof route === 'string' && route !== '' ? route : functionName;
  return `/${[routePrefix, template].map(trimSlashes).filter((part) => part !== '').join('/')}`;
}

function trimSlashes(part: string): string {
  return part.replace(/^\/+|\/+$/g, '');
}

// scheme://authority/path?query#fragment, as the host sends a request's URL: read with one regular expression, which
// costs a fraction of `new URL()` on every invocation and keeps the path as the caller sent it.
const absoluteUrl = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/;

/** The HTTP server attributes of a request: method, route, URL parts, server address and user agent. */
export function requestAttributes(request: RequestLike, httpRoute: string): Attributes {
  const attributes: Attributes = { [ATTR_HTTP_ROUTE]: httpRoute };
  setMethodAttributes(attributes, request.method);
  const url = absoluteUrl.exec(request.url);
  if (url !== null) {
    const [, scheme = '', host = '', port, path, query] = url;
    const lowerCaseScheme = scheme.toLowerCase();
    attributes[ATTR_URL_SCHEME] = lowerCaseScheme;
    attributes[ATTR_URL_PATH] = path === undefined || path === '' ? '/' : path;
    if (query !== undefined && query !== '') attributes[ATTR_URL_QUERY] = query;
    if (host !== '') attributes[ATTR_SERVER_ADDRESS] = host.toLowerCase();
    const serverPort = port === undefined || port === '' ? defaultPort(lowerCaseScheme) : Number(port);
    if (serverPort !== undefined) attributes[ATTR_SERVER_PORT] = serverPort;
  }
  const userAgent = request.headers.get('user-agent');
  if (userAgent !== null) attributes[ATTR_USER_AGENT_ORIGINAL] = userAgent;
  return attributes;
}

function defaultPort(scheme: string): number | undefined {
  if (scheme === 'https') return 443;
  if (scheme === 'http') return 80;
  return undefined;
}

/** `http.request.header.<name>` for each of `names` the request carries. */
export function requestHeaderAttributes(headers: HeadersLike, names: readonly string[]): Attributes {
  return headerAttributes(HTTP_REQUEST_HEADER_PREFIX, headers, names);
}

/** `http.response.header.<name>` for each of `names` that the function's result sets. */
export function responseHeaderAttributes(result: unknown, names: readonly string[]): Attributes {
  const init = (result as { headers?: unknown } | null | undefined)?.headers;
  if (init === undefined || init === null) return {};
  let headers: HeadersLike;
  try {
    headers = typeof (init as Partial<HeadersLike>).get === 'function' ? (init as HeadersLike) : new Headers(init as ConstructorParameters<typeof Headers>[0]);
  } catch {
    // Headers the library will refuse too (it then fails the invocation): nothing to record.
    return {};
  }
  return headerAttributes(HTTP_RESPONSE_HEADER_PREFIX, headers, names);
}

function headerAttributes(prefix: string, headers: HeadersLike, names: readonly string[]): Attributes {
  const attributes: Attributes = {};
  for (const name of names) {
    const value = headers.get(name);
    // Repeated headers arrive joined with ", "; the conventions want one array entry per value.
    if (value !== null) attributes[prefix + name] = value.split(/,\s*/);
  }
  return attributes;
}

/**
 * The status code the caller will get, from what the invocation ended with: 500 for a failure (the host answers
 * every failure so), 204 for no result, the result's `status` (200 when it sets none). `undefined` when the result is
 * something the library will refuse, which fails the invocation after every hook has run.
 */
export function responseStatusOf(result: unknown, failed: boolean): number | undefined {
  if (failed) return 500;
  if (result === undefined || result === null) return 204;
  if (typeof result !== 'object') return undefined;
  const status = (result as { status?: unknown }).status;
  if (status === undefined) return 200;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

export function statusAttributes(status: number | undefined): Attributes {
  return status === undefined ? {} : { [ATTR_HTTP_RESPONSE_STATUS_CODE]: status };
}
