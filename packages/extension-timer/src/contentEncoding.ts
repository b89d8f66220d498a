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
