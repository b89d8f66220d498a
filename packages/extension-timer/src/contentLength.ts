/**
 * Makes a declared Content-Length count `addedBytes` more. A value that is not a length (the header is the
 * handler's own, never checked by the library) is dropped instead: the response is then sent without one
 * (chunked), which is always correct, where a wrong length would cut the body short or fail the response.
 */
export function lengthenContentLength(headers: Headers, addedBytes: number): void {
  const declared = headers.get('content-length');
  if (declared === null) return;
  if (/^\s*\d+\s*$/.test(declared)) {
    headers.set('content-length', String(Number(declared) + addedBytes));
  } else {
    headers.delete('content-length');
  }
}
