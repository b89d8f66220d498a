import type { HttpResponseInit } from '@azure/functions';

// Does this response take the suffix? Every rule that decides whether ` (TimeElapsed: … sec)` may go at the end of
// a body lives here, for both kinds of response, so that an HttpResponseInit and an HttpResponse declaring the same
// thing are treated alike. The two differ only in what they let us see of the body: an HttpResponseInit shows what
// it was made of, an HttpResponse only its headers. Whatever does not take the suffix still gets the header.

/** The parts of a Content-Type header the timer decides on: the media type and the charset. */
export interface ContentType {
  /** Lower-case `type/subtype`, e.g. `text/html`. */
  readonly mediaType: string;
  /** Lower-case charset parameter, when present. */
  readonly charset: string | undefined;
}

export function parseContentType(value: string): ContentType {
  const [mediaType = '', ...parameters] = value.split(';');
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [name = '', rawValue = ''] = parameter.split('=', 2);
    if (name.trim().toLowerCase() === 'charset') {
      charset = rawValue.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    }
  }
  return { mediaType: mediaType.trim().toLowerCase(), charset };
}

/**
 * Whether text may be appended to a body of this type. Only `text/*` qualifies: JSON (`application/json`,
 * `+json`), form data (`application/x-www-form-urlencoded`, `multipart/*`) and everything else have a syntax that
 * a trailing sentence would break. `text/event-stream` is a framing protocol, not prose, so it is excluded too.
 */
export function isAppendableTextType(contentType: ContentType): boolean {
  return contentType.mediaType.startsWith('text/') && contentType.mediaType !== 'text/event-stream';
}

/**
 * Whether the ASCII suffix can be appended as bytes. UTF-16 and UTF-32 encode ASCII with extra bytes, so raw
 * ASCII after such a body would be garbage; every other charset in use on the web is an ASCII superset.
 */
export function isAsciiCompatibleCharset(charset: string | undefined): boolean {
  return charset === undefined || !/^(utf-?16|utf-?32|ucs-?2|ucs-?4)/.test(charset);
}

/**
 * Whether a Content-Encoding header leaves the body as it is. Any coding other than `identity` (gzip, br, deflate,
 * zstd, ...) makes the body compressed bytes: text appended to them would corrupt the whole response, not just end
 * it oddly. A header that lists several codings is identity only if each of them is.
 */
export function isIdentityEncoded(contentEncoding: string | null): boolean {
  if (contentEncoding === null) return true;
  return contentEncoding.split(',').every((coding) => {
    const name = coding.trim().toLowerCase();
    return name === '' || name === 'identity';
  });
}

// Responses that carry no body on the wire (RFC 9110 §6.4.1): the fetch `Response` even refuses one for these
// statuses, and a HEAD response only describes the body a GET would get. Appending text to them would either fail
// or lie about the representation, so they get the header only.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

export function isBodylessResponse(status: number, requestMethod: string | undefined): boolean {
  return NULL_BODY_STATUSES.has(status) || requestMethod?.toUpperCase() === 'HEAD';
}

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

/** What the timer needs to know of an `HttpResponse` (or fetch `Response`) to decide. */
export interface DeclaredResponse {
  readonly status: number;
  readonly body: ReadableStream | null;
}

/**
 * Whether the suffix goes at the end of this `HttpResponse`'s (or fetch `Response`'s) body. It does not tell what
 * its body was made of, so only its headers decide: without a Content-Type the body was not a string (the fetch
 * Response gives strings one), so it is bytes the timer knows nothing about. The body is never read to decide: one
 * that turns out empty is left empty as it streams by (see `appendAtEnd` in rewriteHttpResult.ts).
 */
export function hasAppendableResponseBody<R extends DeclaredResponse>(
  response: R,
  headers: Headers,
  requestMethod: string | undefined,
): response is R & { readonly body: ReadableStream } {
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
