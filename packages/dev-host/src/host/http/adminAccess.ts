import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './isLoopback.js';

export interface AdminRefusal {
  readonly status: 401 | 403 | 415;
  readonly message: string;
}

function keysMatch(provided: string, expected: string): boolean {
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendsAdminKey(req: IncomingMessage, adminKey: string | undefined): boolean {
  const provided = req.headers['x-functions-key'];
  return adminKey !== undefined && adminKey !== '' && typeof provided === 'string' && keysMatch(provided, adminKey);
}

/** The host name of a Host header (`localhost:7071` → `localhost`, `[::1]:7071` → `::1`); undefined if it has none. */
function hostName(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader === '') {
    return undefined;
  }
  const bracketed = /^\[([^\]]+)\](?::\d*)?$/.exec(hostHeader);
  if (bracketed) {
    return bracketed[1];
  }
  return hostHeader.replace(/:\d*$/, '');
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * Admin endpoints run any function with any input, so a web page must never reach them. A page in the developer's
 * browser can send a "simple" cross-site POST (text/plain or a form, no preflight) to 127.0.0.1, or, through DNS
 * rebinding, send one under its own host name that resolves to 127.0.0.1. So the admin API refuses:
 * - a CORS preflight (OPTIONS): no permission is ever granted;
 * - any request with an `Origin` header (browsers send one on every cross-site and every POST request; curl and
 *   scripts do not);
 * - a POST whose Content-Type is not `application/json` (a page cannot send that without a preflight);
 * - without the admin key: a caller that is not on this machine, or a `Host` that is not a loopback name.
 * Undefined: the request may go on.
 */
export function adminRefusal(req: IncomingMessage, adminKey: string | undefined): AdminRefusal | undefined {
  if (req.method === 'OPTIONS') {
    return { status: 403, message: 'The admin API grants no cross-origin access: call it with curl or a script, not from a web page.' };
  }
  if (req.headers.origin !== undefined) {
    return { status: 403, message: 'Admin endpoints refuse requests from web pages (this one has an Origin header): call them with curl or a script.' };
  }
  if (!sendsAdminKey(req, adminKey)) {
    if (!isLoopback(req.socket.remoteAddress)) {
      return {
        status: 401,
        message: 'Admin endpoints answer callers on this machine only, unless the host has an admin key (--admin-key or AZFX_ADMIN_KEY) and the request sends it in the x-functions-key header.',
      };
    }
    const name = hostName(req.headers.host);
    if (name === undefined || !isLoopback(name)) {
      return {
        status: 403,
        message: `Admin endpoints answer requests addressed to localhost, 127.0.0.1 or [::1] only (this one is addressed to "${req.headers.host ?? ''}"), so a web site that rebinds its DNS name to this machine cannot reach them. Use http://localhost:<port>, or send the admin key.`,
      };
    }
  }
  if (req.method === 'POST' && !isJson(req.headers['content-type'])) {
    return { status: 415, message: "Admin endpoints take a JSON body: send the header 'Content-Type: application/json'." };
  }
  return undefined;
}
