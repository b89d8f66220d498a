import type { RpcHttpCookie } from '../../app/coreApiTypes.js';

/**
 * One `Set-Cookie` value as the host writes it (ASP.NET Core's response cookies): the value percent-encoded,
 * lower-case attribute names, and `path=/` unless the function chose a path.
 */
export function serializeCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${escapeDataString(cookie.value ?? '')}`];
  const expiresSeconds = cookie.expires?.value?.seconds;
  if (expiresSeconds !== undefined && expiresSeconds !== null) {
    parts.push(`expires=${new Date(Number(expiresSeconds) * 1000).toUTCString()}`);
  }
  const maxAge = cookie.maxAge?.value;
  if (typeof maxAge === 'number' && Number.isFinite(maxAge)) {
    parts.push(`max-age=${Math.trunc(maxAge)}`);
  }
  const domain = cookie.domain?.value;
  if (domain) {
    parts.push(`domain=${domain}`);
  }
  const cookiePath = cookie.path?.value;
  parts.push(`path=${cookiePath === undefined || cookiePath === null || cookiePath === '' ? '/' : cookiePath}`);
  if (cookie.secure?.value === true) {
    parts.push('secure');
  }
  const sameSite = sameSiteAttribute(cookie.sameSite);
  if (sameSite !== undefined) {
    parts.push(`samesite=${sameSite}`);
  }
  if (cookie.httpOnly?.value === true) {
    parts.push('httponly');
  }
  return parts.join('; ');
}

function sameSiteAttribute(sameSite: RpcHttpCookie['sameSite']): string | undefined {
  switch (sameSite) {
    case 'lax':
      return 'lax';
    case 'strict':
      return 'strict';
    case 'explicitNone':
      return 'none';
    default:
      return undefined;
  }
}

/** .NET's Uri.EscapeDataString: everything but RFC 3986 unreserved characters is percent-encoded. */
function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
