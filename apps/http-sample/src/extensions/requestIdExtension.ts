import { defineExtension, option } from '@azfx/extension-core';
import azureFunctions, { type HttpResponseInit } from '@azure/functions';

// @azure/functions is CommonJS, and Node does not see its classes as named exports of an ES module:
// `import { HttpRequest } from '@azure/functions'` typechecks, but fails when the app loads. Take them from the
// default export (the module itself); `app` and the types import as usual.
const { HttpRequest, HttpResponse } = azureFunctions;

// What a caller may send as its own request id: short, and safe to echo in a header and a log line.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * An extension written in the app itself, the way a Python `FuncExtensionBase` is: it gives each request an id
 * (the caller's `x-request-id`, or the invocation id), logs it, and returns it in the response header, so a
 * support ticket can name the invocation. Its scope is chosen where it is configured (src/extensions.ts).
 */
export const RequestIdExtension = defineExtension({
  name: 'request-id',
  options: {
    header: option.string({ default: 'x-request-id', pattern: /^[\w-]+$/ }),
  },
  state: () => ({ requestId: '' }),

  preInvocation(ctx) {
    const request = ctx.inputs[0];
    const incoming = request instanceof HttpRequest ? request.headers.get(ctx.options.header) : null;
    ctx.state.requestId = incoming !== null && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : ctx.invocationId;
    ctx.logger.info(`[request-id] ${ctx.functionName} handles request ${ctx.state.requestId}`);
  },

  postInvocation(ctx) {
    ctx.result = withHeader(ctx.result, ctx.options.header, ctx.state.requestId);
  },
});

function withHeader(result: unknown, name: string, value: string): unknown {
  if (result instanceof HttpResponse) {
    // `set`, not `append`: a response returned twice still carries one id.
    result.headers.set(name, value);
    return result;
  }
  if (result === null || typeof result !== 'object') return result;
  const init = result as HttpResponseInit;
  const headers = new Headers(init.headers);
  headers.set(name, value);
  return { ...init, headers };
}
