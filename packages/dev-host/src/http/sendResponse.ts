import type { ServerResponse } from 'node:http';

/** Ends `res` with a status and an optional short text body, unless a response has already begun. */
export function sendStatus(res: ServerResponse, status: number, text?: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.writableEnded || res.destroyed) {
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
