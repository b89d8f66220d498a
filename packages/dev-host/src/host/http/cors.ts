import type { IncomingMessage, ServerResponse } from 'node:http';
import { HostStartupError } from '../../app/HostStartupError.js';

/**
 * The CORS policy Core Tools builds from `--cors` / local.settings.json `Host.CORS`: the listed origins (or any
 * origin for "*"), any method and any header, credentials when asked for.
 */
export interface CorsPolicy {
  readonly anyOrigin: boolean;
  /** Lower-case origins, e.g. "http://localhost:3000". */
  readonly origins: readonly string[];
  readonly credentials: boolean;
}

function normalizeOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(text);
  if (!bare || url.origin === 'null' || url.username !== '' || url.password !== '') {
    return undefined;
  }
  return url.origin.toLowerCase();
}

/**
 * Reads the origin list (comma-separated, as Core Tools splits it). `source` names where it came from, for the
 * error: a value that is not an origin is refused at start-up rather than never matching.
 */
export function parseCorsPolicy(origins: string | undefined, credentials: boolean, source: string): CorsPolicy | undefined {
  if (origins === undefined) {
    return undefined;
  }
  const entries = origins
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    return undefined;
  }
  // ASP.NET Core allows any origin only when "*" is the whole list; among others it is an origin that never matches.
  if (entries.includes('*') && entries.length > 1) {
    throw new HostStartupError(`${source} lists "*" with other origins; "*" (any origin) must be the whole list, or list the origins without it.`);
  }
  const anyOrigin = entries.includes('*');
  const normalized: string[] = [];
  for (const entry of entries) {
    if (entry === '*') {
      continue;
    }
    const origin = normalizeOrigin(entry);
    if (origin === undefined) {
      throw new HostStartupError(
        `${source} has ${JSON.stringify(entry)}, which is not an origin. List origins as scheme://host[:port] with no path, separated by commas, e.g. "http://localhost:3000,https://example.com", or "*" for any origin.`,
      );
    }
    normalized.push(origin);
  }
  if (anyOrigin && credentials) {
    throw new HostStartupError(
      `${source} allows any origin ("*") with credentials, which the CORS protocol does not allow (ASP.NET Core refuses this policy). List the origins that may send credentials, e.g. "http://localhost:3000".`,
    );
  }
  return { anyOrigin, origins: normalized, credentials };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Applies the policy as ASP.NET Core's CORS middleware does. A preflight (OPTIONS with Origin and
 * Access-Control-Request-Method) is answered here with 204, with the allow headers only when the origin is allowed;
 * returns true then. Other requests from an allowed origin get the allow headers on their response; requests from
 * other origins pass through without them (the browser blocks the answer).
 */
export function applyCors(policy: CorsPolicy | undefined, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = headerText(req.headers.origin);
  if (policy === undefined || origin === undefined || origin === '') {
    return false;
  }
  const requestedMethod = headerText(req.headers['access-control-request-method']);
  const preflight = req.method === 'OPTIONS' && requestedMethod !== undefined && requestedMethod !== '';
  const allowed = policy.anyOrigin || policy.origins.includes(origin.toLowerCase());
  if (allowed) {
    const wildcard = policy.anyOrigin && !policy.credentials;
    res.setHeader('access-control-allow-origin', wildcard ? '*' : origin);
    if (!wildcard && (policy.anyOrigin || policy.origins.length > 1)) {
      res.setHeader('vary', 'Origin');
    }
    if (policy.credentials) {
      res.setHeader('access-control-allow-credentials', 'true');
    }
  }
  if (!preflight) {
    return false;
  }
  if (allowed) {
    res.setHeader('access-control-allow-methods', requestedMethod);
    const requestedHeaders = headerText(req.headers['access-control-request-headers']);
    if (requestedHeaders !== undefined && requestedHeaders.trim() !== '') {
      res.setHeader('access-control-allow-headers', requestedHeaders);
    }
  }
  req.resume();
  res.statusCode = 204;
  res.end();
  return true;
}
