import type { RpcHttpData, RpcNullableString } from '../../app/coreApiTypes.js';

/**
 * Request headers as the host passes them, from `req.rawHeaders` (name, value, name, value…): lower-case names,
 * repeated headers joined into one value with "," as the host joins them (Node's `req.headers` joins with ", ";
 * `req.headersDistinct` keeps every line too, but builds an array for every header on every request).
 */
export function rawHeadersRecord(rawHeaders: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = rawHeaders[index + 1] ?? '';
    // hasOwn: a header named like an Object.prototype member (Constructor) must not read the inherited one.
    record[name] = Object.hasOwn(record, name) ? `${record[name] ?? ''},${value}` : value;
  }
  return record;
}

/**
 * Query parameters as the host passes them: ASP.NET Core's query collection is case-insensitive and joins the
 * values of a repeated key with ",", so `?a=1&A=2` arrives as `a: "1,2"`.
 */
export function queryRecord(searchParams: URLSearchParams): Record<string, string> {
  const values = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of searchParams) {
    const key = name.toLowerCase();
    const entry = values.get(key);
    if (entry) {
      entry.values.push(value);
    } else {
      values.set(key, { name, values: [value] });
    }
  }
  const record: Record<string, string> = {};
  for (const entry of values.values()) {
    record[entry.name] = entry.values.join(',');
  }
  return record;
}

function nullable(record: Record<string, string>): Record<string, RpcNullableString> {
  // A loop, not Object.fromEntries(Object.entries(...).map(...)): three of these per request showed in the profile.
  const result: Record<string, RpcNullableString> = {};
  for (const name in record) {
    result[name] = { value: record[name] ?? '' };
  }
  return result;
}

export interface HttpRequestParts {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly params: Record<string, string>;
  readonly body: Uint8Array | undefined;
}

/** The HTTP trigger's input data, in both the plain and the nullable dictionaries the worker accepts. */
export function toRpcHttpData(parts: HttpRequestParts): RpcHttpData {
  const query = queryRecord(parts.url.searchParams);
  const data: RpcHttpData = {
    method: parts.method,
    url: parts.url.href,
    headers: parts.headers,
    nullableHeaders: nullable(parts.headers),
    query,
    nullableQuery: nullable(query),
    params: parts.params,
    nullableParams: nullable(parts.params),
  };
  if (parts.body !== undefined && parts.body.byteLength > 0) {
    data.body = { bytes: parts.body };
  }
  return data;
}
