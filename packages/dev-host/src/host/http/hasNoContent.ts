/**
 * Statuses whose responses never have content: 1xx, 204 and 304. RFC 9110 forbids Content-Length on 1xx and 204; on
 * 304 it may only repeat the length a 200 would have had, which the host does not know. Kestrel sends none on them.
 */
export function hasNoContent(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}
