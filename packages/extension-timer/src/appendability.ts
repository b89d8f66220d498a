import type { HttpResponseInit } from '@azure/functions';
import { isBodylessResponse } from './bodylessResponse.js';
import { isIdentityEncoded } from './contentEncoding.js';
import type { ContentType } from './contentType.js';
import { isAppendableTextType, isAsciiCompatibleCharset, parseContentType } from './contentType.js';
import type { ResponseLike } from './httpResult.js';

// Every rule that decides whether the suffix may go at the end of a body lives here, for both kinds of response,
// so that an HttpResponseInit and an HttpResponse declaring the same thing are treated alike. The two differ only
// in what they let us see of the body: an HttpResponseInit shows what it was made of, an HttpResponse only its
// headers.

// The library sends a string body without a Content-Type as text/plain (the fetch Response's default for strings).
const STRING_BODY_DEFAULT: ContentType = { mediaType: 'text/plain', charset: 'utf-8' };

/**
 * Whether the suffix goes at the end of this `HttpResponseInit`'s body: a non-empty string, not overridden by a
 * `jsonBody`, in a response that declares appendable text. `headers` are the response's headers as a `Headers`.
 */
export function hasAppendableInitBody(
  init: HttpResponseInit,
  headers: Headers,
  requestMethod: string | undefined,
): init is HttpResponseInit & { body: string } {
  // Like the library: a jsonBody other than null/undefined wins over body and is sent as JSON.
  if (init.jsonBody !== undefined && init.jsonBody !== null) return false;
  if (typeof init.body !== 'string' || init.body === '') return false;
  // Typed as a number, but JavaScript handlers pass '204' too, which the fetch Response accepts.
  const status: unknown = init.status ?? 200;
  return declaresAppendableText(Number(status), headers, requestMethod, STRING_BODY_DEFAULT);
}

/**
 * Whether the suffix goes at the end of this `HttpResponse`'s (or fetch `Response`'s) body. It does not tell what
 * its body was made of, so only its headers decide: without a Content-Type the body was not a string (the fetch
 * Response gives strings one), so it is bytes the timer knows nothing about. The body is never read to decide: one
 * that turns out empty is left empty as it streams by (see appendAtEnd.ts).
 */
export function hasAppendableResponseBody(
  response: ResponseLike,
  headers: Headers,
  requestMethod: string | undefined,
): response is ResponseLike & { readonly body: ReadableStream } {
  if (response.body === null) return false;
  // A body declared empty has no text to append to, and its length could not be made right afterwards.
  if (headers.get('content-length')?.trim() === '0') return false;
  return declaresAppendableText(response.status, headers, requestMethod, undefined);
}

function declaresAppendableText(
  status: number,
  headers: Headers,
  requestMethod: string | undefined,
  contentTypeWhenAbsent: ContentType | undefined,
): boolean {
  if (isBodylessResponse(status, requestMethod)) return false;
  if (!isIdentityEncoded(headers.get('content-encoding'))) return false;
  const header = headers.get('content-type');
  const contentType = header === null ? contentTypeWhenAbsent : parseContentType(header);
  return (
    contentType !== undefined && isAppendableTextType(contentType) && isAsciiCompatibleCharset(contentType.charset)
  );
}
