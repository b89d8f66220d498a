import type { HttpResponseInit } from '@azure/functions';
import { HttpResponse } from '@azure/functions';

/** What reaches the client: the result converted exactly as the library converts a function's return value. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
  readonly text: string;
}

export async function toWire(result: unknown): Promise<WireResponse> {
  const response = result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}
