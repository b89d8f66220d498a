// Responses that carry no body on the wire (RFC 9110 §6.4.1): the fetch `Response` even refuses one for these
// statuses, and a HEAD response only describes the body a GET would get. Appending text to them would either fail
// or lie about the representation, so they get the header only.
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

export function isBodylessResponse(status: number, requestMethod: string | undefined): boolean {
  return NULL_BODY_STATUSES.has(status) || requestMethod?.toUpperCase() === 'HEAD';
}
