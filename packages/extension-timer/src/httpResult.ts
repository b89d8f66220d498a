import type { Cookie, HttpResponseInit } from '@azure/functions';

/**
 * What the library accepts as an HTTP response besides a plain `HttpResponseInit`: its own `HttpResponse`, and
 * anything shaped like a fetch `Response` (a native `Response`, or an `HttpResponse` of another copy of the
 * library), which it reads property by property.
 *
 * Recognised by shape, not with `instanceof HttpResponse`: the library is CommonJS and Node cannot see its class
 * exports from an ES module (`import { HttpResponse } from '@azure/functions'` fails at load time there), and an
 * app may hold more than one copy of it.
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream | null;
  readonly bodyUsed: boolean;
  readonly cookies?: Cookie[];
  readonly enableContentNegotiation?: boolean;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type HttpResult =
  | { readonly kind: 'response'; readonly response: ResponseLike }
  | { readonly kind: 'init'; readonly init: HttpResponseInit }
  /** Nothing the timer can add to: no result (the host answers 204) or a value the library rejects. */
  | { readonly kind: 'none' };

/** Sorts a function's return value, for a function whose return binding is `http`. */
export function classifyHttpResult(result: unknown): HttpResult {
  if (result === null || typeof result !== 'object' || isThenable(result)) {
    return { kind: 'none' };
  }
  if (isResponseLike(result)) {
    return { kind: 'response', response: result };
  }
  return { kind: 'init', init: result };
}

// The library awaits the handler, so a result is never a promise; one set by a misbehaving hook is not a response.
function isThenable(value: object): boolean {
  return typeof (value as { then?: unknown }).then === 'function';
}

function isResponseLike(value: object): value is ResponseLike {
  const candidate = value as Partial<Record<keyof ResponseLike, unknown>>;
  return (
    candidate.headers instanceof Headers &&
    typeof candidate.status === 'number' &&
    typeof candidate.arrayBuffer === 'function' &&
    typeof candidate.bodyUsed === 'boolean'
  );
}
