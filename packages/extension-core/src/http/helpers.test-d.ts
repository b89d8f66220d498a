import type { HttpRequest } from '@azure/functions';
import { expectTypeOf, it } from 'vitest';
import { defineExtension } from '../defineExtension.js';
import type { AppFunction } from '../appFunctions.js';
import { appendResponseHeader, isHttpRequest, readRequestBody, requestHeader, setResponseHeader, withResponseHeader } from './index.js';

// The helpers take the hooks' own contexts: each fits the phases it is meant for, and no other.
it('fits the hook contexts they are meant for', () => {
  defineExtension({
    name: 'typed',
    async preInvocation(ctx) {
      expectTypeOf(requestHeader(ctx.inputs[0], 'x-a')).toEqualTypeOf<string | null>();
      expectTypeOf(await readRequestBody(ctx, 'text')).toEqualTypeOf<string>();
      expectTypeOf(await readRequestBody(ctx)).toEqualTypeOf<Uint8Array>();
      expectTypeOf(await readRequestBody(ctx, 'json')).toEqualTypeOf<unknown>();
      // @ts-expect-error there is no response before the handler has run
      setResponseHeader(ctx, 'x-a', 'b');
    },
    async aroundHandler(ctx, next) {
      await readRequestBody(ctx, 'bytes');
      const result = withResponseHeader(await next(), 'x-a', 'b', 'set');
      expectTypeOf(result).toEqualTypeOf<unknown>();
      // @ts-expect-error a change the helper does not know
      withResponseHeader(result, 'x-a', 'b', 'add');
      return result;
    },
    appStart(ctx) {
      expectTypeOf(ctx.functions).toEqualTypeOf<readonly AppFunction[] | undefined>();
    },
    postInvocation(ctx) {
      setResponseHeader(ctx, 'x-a', 'b');
      appendResponseHeader(ctx, 'vary', 'origin');
      // @ts-expect-error the handler has run, so the body is the handler's: read it before
      void readRequestBody(ctx);
    },
    onError(ctx) {
      setResponseHeader(ctx, 'x-a', 'b');
    },
  });
});

it('narrows a trigger input to the library HttpRequest', () => {
  const input: unknown = undefined;
  if (isHttpRequest(input)) expectTypeOf(input).toEqualTypeOf<HttpRequest>();
  // @ts-expect-error a body format the helper does not know
  void readRequestBody({ inputs: [] }, 'xml');
});
