import type { IncomingMessage } from 'node:http';
import { isAdminPath } from './handleAdminRequest.js';
import { requestUrl } from './requestUrl.js';

/**
 * Whether the host routes this request to its admin API. A proxy in front of the host (the CLI's watch mode) must
 * decide exactly as the host will, with the same URL resolution: a target the two resolve differently (dot segments
 * after a `//host` form, a host part that does not parse) would reach the admin API as a local caller.
 */
export function targetsAdminApi(req: IncomingMessage): boolean {
  try {
    return isAdminPath(requestUrl(req, 'localhost').pathname);
  } catch {
    // The host answers 400 to a target it cannot resolve, before any admin check.
    return false;
  }
}
