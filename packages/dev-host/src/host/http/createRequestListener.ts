import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { InFlightWork } from '../../app/InFlightWork.js';
import type { Logger } from '../../app/logging/createLogger.js';
import { describeError } from '../../app/describeError.js';
import { handleAdminRequest, isAdminPath } from './handleAdminRequest.js';
import { protocolViolation } from './protocolViolation.js';
import { BadRequestError, requestUrl } from './requestUrl.js';
import { sendStatus } from './sendResponse.js';
import { serveBufferedFunction } from './serveBufferedFunction.js';
import { serveStreamingFunction } from './serveStreamingFunction.js';
import { AppUnavailableError, type ServerContext } from './ServerContext.js';
import { applyCors } from './cors.js';
import { isAuthorized, keyOf } from './functionKeys.js';

export interface RequestListenerOptions {
  /**
   * The app to serve this request with: resolves once a worker is ready (requests that arrive while one starts wait
   * for it); rejects with an AppUnavailableError when none can start.
   */
  readonly context: () => Promise<ServerContext>;
  readonly logger: Logger;
  readonly fallbackHost: string;
  /** Keep-alive agent for requests to the library's streaming proxy. */
  readonly streamAgent: Agent;
  /** Shutdown waits for the requests tracked here. */
  readonly requests: InFlightWork;
}

const homePage = '<!DOCTYPE html><html><head><title>Your Functions app is up and running</title></head><body><h1>Your Functions app is up and running</h1><p>Served by azfx dev host.</p></body></html>';

/**
 * The host's front door: one log line per request (method, path, status, duration), admin endpoints, routing
 * through the route table (404 with an empty body when no route or method matches), then the function. Nothing a
 * client sends can crash it or reach the client as a stack trace: unexpected errors become an empty 500.
 */
export function createRequestListener(options: RequestListenerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    let logged = false;
    const logLine = (): void => {
      if (logged) {
        return;
      }
      logged = true;
      const duration = Math.round(performance.now() - started);
      const status = res.writableFinished ? String(res.statusCode) : `${res.headersSent ? String(res.statusCode) : '-'} (connection closed)`;
      const target = req.url ?? '';
      const query = target.indexOf('?');
      const path = query === -1 ? target : target.slice(0, query);
      options.logger.host('information', `${req.method ?? '?'} ${path.slice(0, 300)} ${status} ${duration}ms`);
    };
    // 'close' follows 'finish' for every response, and comes alone when the connection closed first.
    res.once('close', logLine);
    options.requests.track(handle(options, req, res)).catch((error: unknown) => {
      options.logger.host('error', `Unexpected error while serving ${req.method ?? '?'} ${req.url ?? ''}: ${describeError(error)}`);
      if (res.headersSent) {
        res.destroy();
      } else {
        sendStatus(res, 500);
      }
    });
  };
}

async function handle(options: RequestListenerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const violation = protocolViolation(req);
  if (violation !== undefined) {
    req.resume();
    sendStatus(res, violation, undefined, { connection: 'close' });
    return;
  }
  let context: ServerContext;
  try {
    context = await options.context();
  } catch (error: unknown) {
    req.resume();
    sendStatus(res, 503, error instanceof AppUnavailableError ? error.message : 'The app failed to start.');
    return;
  }
  if (context.isShuttingDown()) {
    res.setHeader('connection', 'close');
  }
  let url: URL;
  try {
    url = requestUrl(req, options.fallbackHost);
  } catch (error: unknown) {
    if (error instanceof BadRequestError) {
      sendStatus(res, 400, undefined, { connection: 'close' });
      return;
    }
    throw error;
  }
  if (isAdminPath(url.pathname)) {
    await handleAdminRequest(context, req, res, url);
    return;
  }
  // azfx #14: host.json customHeaders and CORS, as the host's middleware applies them before routing.
  for (const [name, value] of Object.entries(context.customHeaders ?? {})) {
    res.setHeader(name, value);
  }
  if (applyCors(context.cors, req, res)) {
    return;
  }
  const method = req.method ?? 'GET';
  const match = context.routeTable.match(method, url.pathname);
  const descriptor = match && context.runtime.find(match.functionName);
  if (!match || !descriptor) {
    if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(homePage)) });
      res.end(homePage);
      return;
    }
    // The body is not needed; drain it so a keep-alive connection stays usable.
    req.resume();
    sendStatus(res, 404);
    return;
  }
  // azfx #14: --enable-auth checks keys as the host does (code query, then x-functions-key): 401 with no body.
  if (context.functionKeys !== undefined && !isAuthorized(descriptor, context.functionKeys, keyOf(url, req.headers['x-functions-key']))) {
    req.resume();
    sendStatus(res, 401);
    return;
  }
  if (context.streamProxyUrl) {
    await serveStreamingFunction(context, context.streamProxyUrl, options.streamAgent, descriptor, req, res, url, match.params);
  } else {
    await serveBufferedFunction(context, descriptor, req, res, url, match.params);
  }
}
