import type { IncomingHttpHeaders } from 'node:http';
import type { RpcHttpData, RpcNullableString } from '../../app/coreApiTypes.js';

/**
 * Request headers as the host passes them: lower-case names, repeated headers joined into one value with "," as the
 * host joins them (pass `req.headersDistinct`, which keeps every line; Node's `req.headers` joins with ", ").
 */
export function headersRecord(headers: IncomingHttpHeaders | NodeJS.Dict<string[]>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) {
      continue;
    }
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
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
