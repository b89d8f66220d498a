import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { RpcTypedData } from '../../app/coreApiTypes.js';
import { hostApiReason } from '../AppRuntime.js';
import type { FunctionDescriptor } from '../../app/functionDescriptors.js';
import { createTraceContext } from '../../app/traceContext.js';
import { PayloadTooLargeError } from './readRequestBody.js';
import { refusePayloadTooLarge } from './readBodyOrRefuse.js';
import { sendStatus } from './sendResponse.js';
import type { ServerContext } from './ServerContext.js';
import { rawHeadersRecord, queryRecord, toRpcHttpData } from './toRpcHttp.js';

const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function withoutHopByHop(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHopHeaders.has(name.toLowerCase())));
}

/** Passes bytes through, failing once more than `limit` have gone by. */
class ByteLimit extends Transform {
  #seen = 0;
  readonly #limit: number;

  constructor(limit: number) {
    super();
    this.#limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.byteLength;
    if (this.#seen > this.#limit) {
      callback(new PayloadTooLargeError(this.#limit));
      return;
    }
    callback(null, chunk);
  }
}

/**
 * Serves an HTTP function of an app that enabled HTTP streaming, as the host does: the raw request goes to the
 * library's own HTTP proxy (`HttpUri`) tagged with the invocation id and the original host and scheme; the
 * invocation gets route params, `Headers` and `Query` in its trigger metadata; the library writes the response to
 * the proxy itself, which we stream back. If the invocation fails before the response began: 500, empty body.
 */
export async function serveStreamingFunction(
  context: ServerContext,
  proxyUrl: URL,
  agent: Agent,
  descriptor: FunctionDescriptor,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
): Promise<void> {
  const invocationId = randomUUID();
  const headers = rawHeadersRecord(req.rawHeaders);
  const declaredLength = Number(req.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > context.maxBodyBytes) {
    refusePayloadTooLarge(req, res);
    return;
  }

  // Changed from event handlers below; an object keeps TypeScript from treating them as constants.
  const state = { responseStarted: false, bodyTooLarge: false };
  const proxyRequest = httpRequest({
    protocol: proxyUrl.protocol,
    // The library listens on every interface but announces `localhost`; a literal address avoids IPv6/IPv4 guessing.
    hostname: proxyUrl.hostname === 'localhost' ? '127.0.0.1' : proxyUrl.hostname,
    port: proxyUrl.port,
    method: req.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    agent,
    headers: {
      ...withoutHopByHop(req.headers),
      host: proxyUrl.host,
      'x-ms-invocation-id': invocationId,
      'x-forwarded-host': url.host,
      'x-forwarded-proto': url.protocol.replace(/:$/, ''),
    },
  });
  const proxyResponse = new Promise<IncomingMessage | undefined>((resolve) => {
    proxyRequest.once('response', resolve);
    proxyRequest.once('error', () => {
      resolve(undefined);
    });
    proxyRequest.once('close', () => {
      resolve(undefined);
    });
  });
  void proxyResponse.then((response) => {
    if (!response || res.headersSent || res.destroyed) {
      response?.resume();
      return;
    }
    state.responseStarted = true;
    res.writeHead(response.statusCode ?? 500, withoutHopByHop(response.headers));
    response.pipe(res);
    response.once('error', () => res.destroy());
    res.once('close', () => {
      if (!response.complete) {
        response.destroy();
      }
    });
  });

  const limiter = new ByteLimit(context.maxBodyBytes);
  limiter.once('error', () => {
    state.bodyTooLarge = true;
    proxyRequest.destroy();
    req.unpipe(limiter);
    refusePayloadTooLarge(req, res);
  });
  req.pipe(limiter).pipe(proxyRequest);
  req.once('aborted', () => proxyRequest.destroy());

  const triggerMetadata: Record<string, RpcTypedData> = {};
  for (const [name, value] of Object.entries(params)) {
    triggerMetadata[name] = { string: value };
  }
  triggerMetadata.Headers = { json: JSON.stringify(headers) };
  triggerMetadata.Query = { json: JSON.stringify(queryRecord(url.searchParams)) };

  const { outcome } = await context.runtime.invokeForRequest(descriptor, {
    invocationId,
    triggerData: { http: toRpcHttpData({ method: req.method ?? 'GET', url, headers, params, body: undefined }) },
    triggerMetadata,
    traceContext: createTraceContext({ traceParent: headers.traceparent, traceState: headers.tracestate }),
    reason: hostApiReason,
    announce: false,
  });
  if (state.bodyTooLarge) {
    return;
  }
  if (outcome.failed) {
    proxyRequest.destroy();
    if (state.responseStarted) {
      res.destroy();
    } else {
      sendStatus(res, 500);
    }
    return;
  }
  if (outcome.result === undefined || outcome.result === null) {
    // Nothing was returned, so the library never answers its proxy: the host's 204.
    proxyRequest.destroy();
    sendStatus(res, 204);
    return;
  }
  const response = await proxyResponse;
  if (!response) {
    sendStatus(res, 500);
    return;
  }
  await new Promise<void>((resolve) => {
    if (res.writableFinished || res.destroyed) {
      resolve();
      return;
    }
    res.once('close', resolve);
  });
}
