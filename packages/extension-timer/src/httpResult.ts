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

/**
 * Whether a function's return value is a response the timer can add to, for a function whose return binding is
 * `http`. Not one: no result (the host answers 204) or a value the library rejects. A type guard rather than a
 * wrapper around the value, so sorting a result allocates nothing on an invocation.
 */
export function isHttpResponseValue(result: unknown): result is ResponseLike | HttpResponseInit {
  return result !== null && typeof result === 'object' && !isThenable(result);
}

/** Among response values: an `HttpResponse` or fetch `Response`; anything else is read as an `HttpResponseInit`. */
export function isResponseLike(value: ResponseLike | HttpResponseInit): value is ResponseLike {
  const candidate = value as Partial<Record<keyof ResponseLike, unknown>>;
  return (
    candidate.headers instanceof Headers &&
    typeof candidate.status === 'number' &&
    typeof candidate.arrayBuffer === 'function' &&
    typeof candidate.bodyUsed === 'boolean'
  );
}

// The library awaits the handler, so a result is never a promise; one set by a misbehaving hook is not a response.
function isThenable(value: object): boolean {
  return typeof (value as { then?: unknown }).then === 'function';
}
