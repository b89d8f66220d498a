import { defineExtension, option, requestHeader, setResponseHeader } from '@azfx/extension-core';

// What a caller may send as its own request id: short, and safe to echo in a header and a log line.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * An extension written in the app itself, the way a Python `FuncExtensionBase` is: it gives each request an id
 * (the caller's `x-request-id`, or the invocation id), logs it, and returns it in the response header, so a
 * support ticket can name the invocation. Its scope is chosen where it is configured (src/extensions.ts).
 *
 * The SDK's HTTP helpers read and write the headers: they work on every @azure/functions version the peer range
 * allows (on 4.1.0 a request's `headers` is not Node's `Headers`), and need no runtime import of the library's
 * classes, which an ES module cannot import by name.
 */
export const RequestIdExtension = defineExtension({
  name: 'request-id',
  options: {
    header: option.string({ default: 'x-request-id', pattern: /^[\w-]+$/ }),
  },
  state: () => ({ requestId: '' }),

  preInvocation(ctx) {
    const incoming = requestHeader(ctx.inputs[0], ctx.options.header);
    ctx.state.requestId = incoming !== null && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : ctx.invocationId;
    ctx.logger.info(`[request-id] ${ctx.functionName} handles request ${ctx.state.requestId}`);
  },

  postInvocation(ctx) {
    // `set`, not `append`: a response returned twice still carries one id.
    setResponseHeader(ctx, ctx.options.header, ctx.state.requestId);
  },
});
