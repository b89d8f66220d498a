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
  methodAttributes,
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

/** The HTTP server attributes of a request: method, route, URL parts, server address and user agent. */
export function requestAttributes(request: RequestLike, httpRoute: string): Attributes {
  const attributes: Attributes = { ...methodAttributes(request.method), [ATTR_HTTP_ROUTE]: httpRoute };
  let url: URL | undefined;
  try {
    url = new URL(request.url);
  } catch {
    // The host always sends an absolute URL; a test's hand-made request may not.
  }
  if (url !== undefined) {
    attributes[ATTR_URL_SCHEME] = url.protocol.slice(0, -1);
    attributes[ATTR_URL_PATH] = url.pathname;
    if (url.search.length > 1) attributes[ATTR_URL_QUERY] = url.search.slice(1);
    attributes[ATTR_SERVER_ADDRESS] = url.hostname;
    const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
    if (port !== undefined) attributes[ATTR_SERVER_PORT] = port;
  }
  const userAgent = request.headers.get('user-agent');
  if (userAgent !== null) attributes[ATTR_USER_AGENT_ORIGINAL] = userAgent;
  return attributes;
}

function defaultPort(protocol: string): number | undefined {
  if (protocol === 'https:') return 443;
  if (protocol === 'http:') return 80;
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
