import { request, type Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendStatus } from '../http/sendResponse.js';

// The connection to the client is this process's business, not the app process's.
function withoutConnectionHeaders(rawHeaders: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    if (!/^(connection|keep-alive)$/i.test(name)) {
      kept.push(name, rawHeaders[index + 1] ?? '');
    }
  }
  return kept;
}

/** Forwards one request unchanged (Host header included) to the app process and streams its answer back. */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, port: number, agent: Agent): Promise<void> {
  return new Promise((resolve) => {
    const upstream = request(
      { hostname: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, withoutConnectionHeaders(upstreamRes.rawHeaders));
        upstreamRes.pipe(res);
        upstreamRes.once('error', () => res.destroy());
        upstreamRes.once('end', () => {
          resolve();
        });
      },
    );
    upstream.once('error', () => {
      if (res.headersSent) {
        res.destroy();
      } else {
        sendStatus(res, 502, 'The app process went away while handling this request (it is restarting?).');
      }
      resolve();
    });
    res.once('close', () => {
      if (!res.writableFinished) {
        upstream.destroy();
      }
      resolve();
    });
    req.pipe(upstream);
  });
}
