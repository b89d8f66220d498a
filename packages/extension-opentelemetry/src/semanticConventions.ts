import { SpanKind } from '@opentelemetry/api';

// The attribute names the span and the metric use, written out here rather than imported from
// @opentelemetry/semantic-conventions. The HTTP, URL, server, user agent and error names are stable: they will not
// change, and a runtime dependency only to spell them would cost every app an install. The FaaS names are not stable
// yet ("Development" in the conventions, exported only from that package's `incubating` entry, which may rename or
// drop them in a minor release): the package itself advises copying those rather than importing them.
// semanticConventions.test.ts checks the stable ones against the package, so a typo cannot hide here.

/** Stable: HTTP server spans. */
export const ATTR_HTTP_REQUEST_METHOD = 'http.request.method';
export const ATTR_HTTP_REQUEST_METHOD_ORIGINAL = 'http.request.method_original';
export const ATTR_HTTP_ROUTE = 'http.route';
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const ATTR_URL_SCHEME = 'url.scheme';
export const ATTR_URL_PATH = 'url.path';
export const ATTR_URL_QUERY = 'url.query';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_USER_AGENT_ORIGINAL = 'user_agent.original';
export const ATTR_ERROR_TYPE = 'error.type';
/** `http.request.header.<lower-cased name>`, a string array. */
export const HTTP_REQUEST_HEADER_PREFIX = 'http.request.header.';
/** `http.response.header.<lower-cased name>`, a string array. */
export const HTTP_RESPONSE_HEADER_PREFIX = 'http.response.header.';
/** Stable: the value of `error.type` when no more specific type is known. */
export const ERROR_TYPE_OTHER = '_OTHER';

/**
 * Development: FaaS spans and metrics, as @opentelemetry/semantic-conventions 1.45 names them. (Earlier versions of
 * the conventions said `faas.invocation_id` and `faas.time`; the registry has since renamed them.)
 */
export const ATTR_FAAS_TRIGGER = 'faas.trigger';
export const ATTR_FAAS_INVOCATION_ID = 'faas.invocation.id';
export const ATTR_FAAS_NAME = 'faas.name';
export const ATTR_FAAS_COLDSTART = 'faas.coldstart';
export const ATTR_FAAS_CRON = 'faas.cron';
export const ATTR_FAAS_INVOCATION_START_TIME = 'faas.invocation.start_time';
/** The FaaS invocation duration histogram, in seconds, with the bucket boundaries the conventions recommend. */
export const METRIC_FAAS_INVOKE_DURATION = 'faas.invoke_duration';
export const FAAS_INVOKE_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The conventions' well-known `faas.trigger` values. */
export type FaasTrigger = 'http' | 'pubsub' | 'timer' | 'datasource' | 'other';

// Azure Functions binding types (lower-cased, as Functions compares them) by what triggers them: messages are
// `pubsub`, changes to stored data are `datasource`.
const triggersByBindingType: Readonly<Record<string, FaasTrigger>> = {
  httptrigger: 'http',
  timertrigger: 'timer',
  queuetrigger: 'pubsub',
  servicebustrigger: 'pubsub',
  eventhubtrigger: 'pubsub',
  eventgridtrigger: 'pubsub',
  kafkatrigger: 'pubsub',
  rabbitmqtrigger: 'pubsub',
  webpubsubtrigger: 'pubsub',
  signalrtrigger: 'pubsub',
  blobtrigger: 'datasource',
  cosmosdbtrigger: 'datasource',
  sqltrigger: 'datasource',
  mysqltrigger: 'datasource',
};

/** The `faas.trigger` value for an Azure Functions trigger binding type such as `httpTrigger`. */
export function faasTriggerOf(triggerType: string): FaasTrigger {
  return triggersByBindingType[triggerType.toLowerCase()] ?? 'other';
}

/**
 * The span kind of an invocation: SERVER for an incoming request (and for the other incoming invocations the FaaS
 * conventions call server spans: timers, data changes), CONSUMER for a message taken from a queue or a topic.
 */
export function spanKindOf(trigger: FaasTrigger): SpanKind {
  return trigger === 'pubsub' ? SpanKind.CONSUMER : SpanKind.SERVER;
}

// The methods the HTTP conventions know by name; any other is recorded as `_OTHER`, with the original beside it,
// so that a client cannot fill a backend with made-up method names.
const knownMethods = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'QUERY', 'TRACE']);

/** Sets `http.request.method` (and `http.request.method_original` when the method is not a known one). */
export function setMethodAttributes(attributes: Record<string, unknown>, method: string): void {
  if (knownMethods.has(method)) {
    attributes[ATTR_HTTP_REQUEST_METHOD] = method;
  } else {
    attributes[ATTR_HTTP_REQUEST_METHOD] = '_OTHER';
    attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = method;
  }
}
