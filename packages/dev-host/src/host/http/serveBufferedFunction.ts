import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostApiReason } from '../AppRuntime.js';
import type { FunctionDescriptor } from '../../app/functionDescriptors.js';
import { createTraceContext } from '../../app/traceContext.js';
import { hasNoContent } from './hasNoContent.js';
import { readBodyOrRefuse } from './readBodyOrRefuse.js';
import { sendStatus } from './sendResponse.js';
import type { ServerContext } from './ServerContext.js';
import { toHttpResponse } from './toHttpResponse.js';
import { rawHeadersRecord, toRpcHttpData } from './toRpcHttp.js';

/**
 * Serves an HTTP function the way the host does without streaming: the whole body is read, handed to the worker as
 * RPC HTTP data, and the function's `returnValue.http` is written back. Any failure is a 500 with an empty body.
 */
export async function serveBufferedFunction(
  context: ServerContext,
  descriptor: FunctionDescriptor,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
): Promise<void> {
  const body = await readBodyOrRefuse(req, res, context.maxBodyBytes);
  if (body === undefined) {
    return;
  }
  const headers = rawHeadersRecord(req.rawHeaders);
  const http = toRpcHttpData({ method: req.method ?? 'GET', url, headers, params, body });
  const { outcome } = await context.runtime.invokeForRequest(descriptor, {
    triggerData: { http },
    traceContext: createTraceContext({ traceParent: headers.traceparent, traceState: headers.tracestate }),
    reason: hostApiReason,
    announce: false,
  });
  if (outcome.failed) {
    sendStatus(res, 500);
    return;
  }
  let response;
  try {
    response = toHttpResponse(outcome.response.returnValue);
  } catch (error: unknown) {
    context.logger.host('error', `Function '${descriptor.name}' returned a response the host cannot send: ${(error as Error).message}`, {
      functionName: descriptor.name,
    });
    sendStatus(res, 500);
    return;
  }
  if (res.destroyed) {
    return;
  }
  try {
    for (const [name, value] of response.headers) {
      res.setHeader(name, value);
    }
    if (!hasNoContent(response.status)) {
      res.setHeader('content-length', String(response.body.byteLength));
    }
    res.writeHead(response.status);
  } catch (error: unknown) {
    // An invalid header name or value from the function: nothing has been sent yet.
    for (const name of res.getHeaderNames()) {
      res.removeHeader(name);
    }
    context.logger.host('error', `Function '${descriptor.name}' returned a response the host cannot send: ${(error as Error).message}`, {
      functionName: descriptor.name,
    });
    sendStatus(res, 500);
    return;
  }
  res.end(response.body);
}
