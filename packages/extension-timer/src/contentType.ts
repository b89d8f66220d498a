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
