import azureFunctions from '@azure/functions';

import { workerInvocation } from '../dispatch/workerInvocation.mjs';

// An HTTP invocation that carries the trace context Azure's host sends with every invocation (a caller's sampled
// traceparent, continued by the host): the part a tracing extension reads.
const { HttpRequest } = azureFunctions;

const functionOptions = Object.freeze({
  trigger: { type: 'httpTrigger', name: 'httpTrigger1a2b3c', direction: 'in', route: 'HttpTrigger' },
  return: { type: 'http', name: '$return', direction: 'out' },
  extraInputs: [],
  extraOutputs: [],
});

const request = new HttpRequest({
  method: 'GET',
  url: 'http://127.0.0.1:7071/api/HttpTrigger?name=Azure',
  headers: { 'user-agent': 'curl/8.5.0' },
});
const traceContext = Object.freeze({
  traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  traceState: '',
  attributes: {},
});

/** The worker's invocation sequence (src/dispatch/workerInvocation.mjs) for this traced HTTP invocation. */
export const invokeTracedLikeTheWorker = workerInvocation({ functionOptions, request, traceContext });
