import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import azureFunctions from '@azure/functions';

const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;

/**
 * `node:http` plus what the app's own `@azure/functions` spends on every request, whoever hosts it: an
 * `InvocationContext`, the request as the library's `HttpRequest` (headers, query, body), the handler's
 * `HttpResponseInit` as the library's `HttpResponse`, and its body read back as bytes. The dev host's CPU per
 * request minus this server's is the dev host's own work (routing, the worker's invocation sequence, the typed-data
 * conversions, logging). The library's private RPC converters are not public; its public classes do the same work.
 * @returns {import('node:http').Server}
 */
export function createLibraryServer() {
  let invocations = 0;
  return createServer((request, response) => {
    /** @type {Buffer[]} */
    const chunks = [];
    request.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    request.on('end', () => {
      void answer(request, Buffer.concat(chunks), response, ++invocations);
    });
  });
}

/**
 * @param {import('node:http').IncomingMessage} incoming
 * @param {Buffer} body
 * @param {import('node:http').ServerResponse} response
 * @param {number} invocation
 */
async function answer(incoming, body, response, invocation) {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.toLowerCase() !== '/api/httptrigger') {
    response.writeHead(404).end();
    return;
  }
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const context = new InvocationContext({
    invocationId: `library-${String(invocation)}`,
    functionName: 'HttpTrigger',
    options: { trigger: { type: 'httpTrigger', name: 'req' }, return: { type: 'http', name: '$return' }, extraInputs: [], extraOutputs: [] },
    logHandler: () => undefined,
  });
  const method = incoming.method ?? 'GET';
  const request = new HttpRequest({ method, url: url.href, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: { bytes: body } }) });
  const name = request.query.get('name') ?? undefined;
  context.log(`Http function processed request for url "${request.url}"`);
  const init = { body: `Hello, ${name ?? 'world'}. This HTTP triggered function executed successfully.` };
  const converted = new HttpResponse(init);
  const bytes = Buffer.from(await converted.arrayBuffer());
  /** @type {Record<string, string>} */
  const outHeaders = {};
  converted.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  response.writeHead(converted.status, outHeaders).end(bytes);
}
