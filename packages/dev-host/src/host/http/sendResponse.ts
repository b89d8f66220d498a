import type { ServerResponse } from 'node:http';
import { hasNoContent } from './hasNoContent.js';

/**
 * Ends `res` with a status and an optional short text body, unless a response has already begun. A status that has
 * no content (204, 304) is sent without a body or Content-Length.
 */
export function sendStatus(res: ServerResponse, status: number, text?: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    return;
  }
  if (hasNoContent(status)) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const body = text === undefined ? Buffer.alloc(0) : Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    'content-length': String(body.byteLength),
    ...(text === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' }),
  });
  res.end(body);
}
