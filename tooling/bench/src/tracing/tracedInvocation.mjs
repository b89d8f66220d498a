import azureFunctions from '@azure/functions';

/** @typedef {import('../support/workerCore.mjs').RegisteredHooks} RegisteredHooks */
/** @typedef {(...args: unknown[]) => unknown} FunctionCallback */

// The worker's invocation sequence, as src/dispatch/workerInvocation.mjs runs it, for an HTTP invocation that
// carries the trace context Azure's host sends with every invocation (a caller's sampled traceparent, continued by
// the host): the part a tracing extension reads. Kept apart from the dispatch benchmark so each can change alone.
const { HttpRequest, InvocationContext } = azureFunctions;

const functionOptions = Object.freeze({
  trigger: { type: 'httpTrigger', name: 'httpTrigger1a2b3c', direction: 'in', route: 'HttpTrigger' },
  return: { type: 'http', name: '$return', direction: 'out' },
  extraInputs: [],
  extraOutputs: [],
});

/** @type {FunctionCallback} */
const handler = () => ({ body: 'Hello, Azure. This HTTP triggered function executed successfully.' });

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

let invocationCount = 0;
const appHookData = {};
/** @type {import('@azure/functions').LogHandler} */
const logHandler = () => undefined;

/**
 * One invocation, step by step as the Node.js worker runs it: pre hooks awaited in order, the handler slot called
 * as `handler(...inputs, context)`, post hooks awaited with the result, then the error check.
 * @param {RegisteredHooks} hooks
 * @returns {Promise<unknown>}
 */
export async function invokeTracedLikeTheWorker(hooks) {
  const invocationContext = new InvocationContext({
    invocationId: `bench-${++invocationCount}`,
    functionName: 'HttpTrigger',
    logHandler,
    options: functionOptions,
    traceContext,
  });
  const hookData = {};
  /** @type {{ hookData: object; appHookData: object; invocationContext: unknown; inputs: unknown[]; functionCallback: FunctionCallback }} */
  const preContext = { hookData, appHookData, invocationContext, inputs: [request], functionCallback: handler };
  for (const callback of hooks.byName.preInvocation) await callback(preContext);
  const inputs = preContext.inputs;
  const callback = preContext.functionCallback;

  /** @type {{ hookData: object; appHookData: object; invocationContext: unknown; inputs: unknown[]; result: unknown; error: unknown }} */
  const postContext = { hookData, appHookData, invocationContext, inputs, result: null, error: null };
  try {
    postContext.result = await Promise.resolve(callback(...inputs, invocationContext));
  } catch (error) {
    postContext.error = error;
  }
  for (const postCallback of hooks.byName.postInvocation) await postCallback(postContext);
  if (postContext.error !== null && postContext.error !== undefined) throw postContext.error;
  return postContext.result;
}
