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

function validHost(host: string | undefined): string | undefined {
  if (host === undefined || host === '') {
    return undefined;
  }
  try {
    const url = new URL(`http://${host}`);
    return url.pathname === '/' && url.search === '' && url.username === '' ? url.host : undefined;
  } catch {
    return undefined;
  }
}
