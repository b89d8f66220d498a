import type { RpcTypedData } from '../../app/coreApiTypes.js';
import { serializeCookie } from './serializeCookie.js';

/** A fully buffered HTTP response, ready to write. */
export interface BufferedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string | string[]])[];
  readonly body: Buffer;
}

// The server owns message framing and the connection; a function cannot set these.
const hostManagedHeaders = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te']);

/**
 * The host's conversion of an invocation's `returnValue` into an HTTP response: no return value is 204; otherwise
 * the status, headers, cookies (each one `Set-Cookie`) and body bytes of `returnValue.http`. Throws for a status the
 * host cannot send; the caller logs the message and answers 500.
 */
export function toHttpResponse(returnValue: RpcTypedData | null | undefined): BufferedResponse {
  const http = returnValue?.http;
  if (!http) {
    return { status: 204, headers: [], body: Buffer.alloc(0) };
  }
  const status = http.statusCode === undefined || http.statusCode === null ? 200 : Number(http.statusCode);
  if (!Number.isInteger(status) || status < 200 || status > 999) {
    throw new Error(`The function returned an invalid HTTP status code: ${JSON.stringify(http.statusCode)}; use an integer from 200 to 999.`);
  }
  const headers: (readonly [string, string | string[]])[] = [];
  const setCookies: string[] = [];
  for (const [name, value] of Object.entries(http.headers ?? {})) {
    const lowerName = name.toLowerCase();
    if (hostManagedHeaders.has(lowerName)) {
      continue;
    }
    if (lowerName === 'set-cookie') {
      setCookies.push(value);
    } else {
      headers.push([name, value]);
    }
  }
  for (const cookie of http.cookies ?? []) {
    setCookies.push(serializeCookie(cookie));
  }
  if (setCookies.length > 0) {
    headers.push(['set-cookie', setCookies]);
  }
  return { status, headers, body: bodyBytes(http.body) };
}

function bodyBytes(body: RpcTypedData | null | undefined): Buffer {
  if (!body) {
    return Buffer.alloc(0);
  }
  if (body.bytes) {
    return Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength);
  }
  if (typeof body.string === 'string') {
    return Buffer.from(body.string, 'utf8');
  }
  if (typeof body.json === 'string') {
    return Buffer.from(body.json, 'utf8');
  }
  if (body.stream) {
    return Buffer.from(body.stream.buffer, body.stream.byteOffset, body.stream.byteLength);
  }
  if (typeof body.int === 'number' || typeof body.double === 'number') {
    return Buffer.from(String(body.int ?? body.double), 'utf8');
  }
  return Buffer.alloc(0);
}
