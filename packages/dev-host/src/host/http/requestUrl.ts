import type { IncomingMessage } from 'node:http';

export class BadRequestError extends Error {}

/**
 * The full URL of a request as the host gives it to the function (scheme, Host header, path and query exactly as
 * received, dot segments resolved). Throws BadRequestError for a target that is not a path or absolute URL.
 */
export function requestUrl(req: IncomingMessage, fallbackHost: string): URL {
  const target = req.url ?? '';
  const host = validHost(req.headers.host) ?? fallbackHost;
  try {
    if (target.startsWith('/')) {
      // Concatenated, not resolved against a base: a target like `//x/y` is a path here, not a host.
      return new URL(`http://${host}${target}`);
    }
    const absolute = new URL(target);
    if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') {
      throw new BadRequestError(`Unsupported request target scheme ${absolute.protocol}`);
    }
    return new URL(`http://${host}${absolute.pathname}${absolute.search}`);
  } catch (error: unknown) {
    if (error instanceof BadRequestError) {
      throw error;
    }
    throw new BadRequestError(`Malformed request target ${JSON.stringify(target.slice(0, 200))}`);
  }
}

// A client sends the same Host header on every request; parsing it again cost a URL parse per request.
let lastHost: { readonly header: string; readonly valid: string | undefined } | undefined;

function validHost(host: string | undefined): string | undefined {
  if (host === undefined || host === '') {
    return undefined;
  }
  if (lastHost?.header !== host) {
    lastHost = { header: host, valid: parseHost(host) };
  }
  return lastHost.valid;
}

function parseHost(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}`);
    return url.pathname === '/' && url.search === '' && url.username === '' ? url.host : undefined;
  } catch {
    return undefined;
  }
}
