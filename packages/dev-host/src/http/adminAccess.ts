import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './isLoopback.js';

function keysMatch(provided: string, expected: string): boolean {
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Admin endpoints run any function, so they answer callers on this machine only, unless an admin key is
 * configured; then a caller from elsewhere must send it in `x-functions-key`, as the host's admin API expects.
 */
export function isAdminCallAllowed(req: IncomingMessage, adminKey: string | undefined): boolean {
  if (isLoopback(req.socket.remoteAddress)) {
    return true;
  }
  const provided = req.headers['x-functions-key'];
  return adminKey !== undefined && adminKey !== '' && typeof provided === 'string' && keysMatch(provided, adminKey);
}
