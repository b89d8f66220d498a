import { format } from 'node:util';
import azureFunctions from '@azure/functions';

/** @typedef {import('../support/workerCore.mjs').RegisteredHooks} RegisteredHooks */
/** @typedef {(...args: unknown[]) => unknown} FunctionCallback */

const { HttpRequest, InvocationContext } = azureFunctions;

/** The HTTP function every invocation runs: it answers at once, so what is measured is the dispatch around it. */
const functionOptions = Object.freeze({
  trigger: { type: 'httpTrigger', name: 'httpTrigger1a2b3c', direction: 'in' },
  return: { type: 'http', name: '$return', direction: 'out' },
  extraInputs: [],
  extraOutputs: [],
});

/** @type {FunctionCallback} */
const handler = () => ({ body: 'Hello, Azure. This HTTP triggered function executed successfully.' });

// One request for every invocation: building it is the library's cost, the same with and without hooks, and no
// hook here reads its body.
const request = new HttpRequest({ method: 'GET', url: 'http://127.0.0.1:7071/api/HttpTrigger?name=Azure' });

/** Where user logs go. The worker formats each one and sends it to the host; here the text is kept and dropped. */
let lastLog = '';
/** @type {import('@azure/functions').LogHandler} */
const logHandler = (_level, ...args) => {
  lastLog = format(...args);
};

let invocationCount = 0;
const appHookData = {};

/**
 * @typedef {object} InvocationShape
 * @property {Partial<import('@azure/functions').EffectiveFunctionOptions>} functionOptions the function's options as the library registers them
 * @property {import('@azure/functions').HttpRequest} request one request for every invocation
 * @property {import('@azure/functions').TraceContext} [traceContext] what the host sends
 */

/**
 * Makes `invoke(hooks)`: one invocation, step by step as the Node.js worker runs it (see docs/performance.md): a
 * fresh InvocationContext and hookData, every preInvocation hook awaited in registration order on one core context
 * (each hook callback is the library's wrapper, or the SDK's own hook on the core API), the handler slot called as
 * `handler(...inputs, context)` and awaited, then every postInvocation hook awaited with the result, and finally the
 * error check. Only the worker's own debug log lines ("Executing N hooks") are left out. The tracing bench runs the
 * same sequence with the trace context Azure's host sends.
 * @param {InvocationShape} shape
 * @returns {(hooks: RegisteredHooks) => Promise<unknown>}
 */
export function workerInvocation({ functionOptions: options, request: input, traceContext }) {
  return async (hooks) => {
    const invocationContext = new InvocationContext({
      invocationId: `bench-${++invocationCount}`,
      functionName: 'HttpTrigger',
      logHandler,
      options,
      ...(traceContext === undefined ? {} : { traceContext }),
    });
    const hookData = {};
    /** @type {{ hookData: object; appHookData: object; invocationContext: unknown; inputs: unknown[]; functionCallback: FunctionCallback }} */
    const preContext = { hookData, appHookData, invocationContext, inputs: [input], functionCallback: handler };
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
  };
}

/** The dispatch benchmark's invocation: the HTTP function above, answering at once. */
export const invokeLikeTheWorker = workerInvocation({ functionOptions, request });

/** The last user log line, so that a test run can show the timer really logged (and V8 cannot drop the work). */
export function lastUserLog() {
  return lastLog;
}
