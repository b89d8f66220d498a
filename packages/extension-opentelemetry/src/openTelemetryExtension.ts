import { defineExtension, option } from '@azfx/extension-core';
import { context, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { parentContextOf } from './hostTraceContext.js';
import {
  asRequest,
  httpRouteOf,
  requestAttributes,
  requestHeaderAttributes,
  responseHeaderAttributes,
  responseStatusOf,
  statusAttributes,
} from './httpAttributes.js';
import { INSTRUMENTATION_SCOPE, InvocationDuration } from './invocationDuration.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_FAAS_COLDSTART,
  ATTR_FAAS_CRON,
  ATTR_FAAS_INVOCATION_ID,
  ATTR_FAAS_NAME,
  ATTR_FAAS_INVOCATION_START_TIME,
  ATTR_FAAS_TRIGGER,
  ERROR_TYPE_OTHER,
  faasTriggerOf,
  spanKindOf,
  type FaasTrigger,
} from './semanticConventions.js';
import { isTraced } from './tracedFunctions.js';

/** What the span-name and attribute hooks are told about the invocation. */
export interface TracedInvocation {
  readonly functionName: string;
  readonly invocationId: string;
  /** The trigger binding type, e.g. `httpTrigger`, `timerTrigger`. */
  readonly triggerType: string;
  /** The `faas.trigger` the span carries: `http`, `timer`, `pubsub`, `datasource` or `other`. */
  readonly faasTrigger: FaasTrigger;
  /** The trigger input: the `HttpRequest` of an HTTP function, the timer info of a timer, the message of a queue. */
  readonly triggerInput: unknown;
  /** HTTP functions: the request's method and the route template (`/api/products/{id}`); `undefined` otherwise. */
  readonly http: { readonly method: string; readonly route: string } | undefined;
}

/** What the end hook is told: the invocation and how it ended, as it stands when this extension's post hook runs. */
export interface TracedOutcome extends TracedInvocation {
  readonly result: unknown;
  readonly error: unknown;
  readonly failed: boolean;
  /** HTTP functions: the status code the caller gets. */
  readonly statusCode: number | undefined;
}

export type SpanNamer = (invocation: TracedInvocation) => string;
export type StartHook = (span: Span, invocation: TracedInvocation) => void;
export type EndHook = (span: Span, outcome: TracedOutcome) => void;

const isFunction = (value: unknown) => typeof value === 'function';
// An HTTP field name (RFC 9110 token).
const headerName = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const isHeaderList = (value: unknown) =>
  Array.isArray(value) && value.every((name) => typeof name === 'string' && headerName.test(name));

interface InvocationTrace {
  invocation: TracedInvocation | undefined;
  span: Span | undefined;
  /** The span's context: current for everything the handler awaits. */
  context: Context | undefined;
  startedAt: number;
}

/**
 * One span per invocation, by the OpenTelemetry semantic conventions for FaaS (and for HTTP servers on HTTP
 * triggers), a child of the trace context the host gives the invocation, current while the handler runs, ended with
 * the invocation's outcome. It records with whatever tracer (and meter) provider the app registered; with none, it
 * only checks for one.
 */
export const OpenTelemetryExtension = defineExtension({
  name: 'opentelemetry',
  options: {
    /** Only these functions are traced (all when omitted). */
    include: option.stringList(),
    /** These functions are not traced; wins over `include`. */
    exclude: option.stringList(),
    /** Names the span; the function's name by default, as the FaaS conventions say. */
    spanName: option.custom<SpanNamer>({ expected: 'a function (invocation) => string', check: isFunction }),
    /** Called with the span once it has started, to add attributes of your own. */
    onStart: option.custom<StartHook>({ expected: 'a function (span, invocation) => void', check: isFunction }),
    /** Called with the span just before it ends. */
    onEnd: option.custom<EndHook>({ expected: 'a function (span, outcome) => void', check: isFunction }),
    /** Request headers to record as `http.request.header.<name>` (none by default: headers may hold secrets). */
    requestHeaders: option.custom<readonly string[]>({
      default: [],
      expected: 'a list of HTTP header names, e.g. ["x-request-id"]',
      check: isHeaderList,
    }),
    /** Response headers to record as `http.response.header.<name>`. */
    responseHeaders: option.custom<readonly string[]>({
      default: [],
      expected: 'a list of HTTP header names, e.g. ["content-type"]',
      check: isHeaderList,
    }),
    /** The host's route prefix (host.json `extensions.http.routePrefix`), for `http.route`. */
    routePrefix: option.string({ default: 'api', pattern: /^[^?#{}]*$/ }),
    /** Also record the `faas.invoke_duration` histogram, with the app's meter provider. */
    metrics: option.boolean({ default: false }),
  },
  appState: () => ({ coldStart: true, duration: new InvocationDuration() }),
  state: (): InvocationTrace => ({ invocation: undefined, span: undefined, context: undefined, startedAt: 0 }),

  preInvocation(ctx) {
    // The first invocation of this process is the cold one, traced or not.
    const { appState, options } = ctx;
    const coldStart = appState.coldStart;
    appState.coldStart = false;
    // Asked first: without a provider (and no metric to record) there is nothing else to do.
    const tracer = registeredTracer();
    if (tracer === undefined && !options.metrics) return;
    if (!isTraced(ctx.functionName, options)) return;

    const triggerInput = ctx.inputs[0];
    const faasTrigger = faasTriggerOf(ctx.triggerType);
    const trigger = ctx.invocationContext.options.trigger;
    const request = faasTrigger === 'http' ? asRequest(triggerInput) : undefined;
    const http =
      request === undefined ? undefined : { method: request.method, route: httpRouteOf(ctx.functionName, trigger.route, options.routePrefix) };
    const invocation: TracedInvocation = {
      functionName: ctx.functionName,
      invocationId: ctx.invocationId,
      triggerType: ctx.triggerType,
      faasTrigger,
      triggerInput,
      http,
    };
    ctx.state.invocation = invocation;
    if (options.metrics) ctx.state.startedAt = performance.now();
    if (tracer === undefined) return;

    const attributes: Attributes = {
      [ATTR_FAAS_TRIGGER]: faasTrigger,
      [ATTR_FAAS_INVOCATION_ID]: ctx.invocationId,
      [ATTR_FAAS_NAME]: ctx.functionName,
      [ATTR_FAAS_COLDSTART]: coldStart,
    };
    if (request !== undefined && http !== undefined) {
      Object.assign(attributes, requestAttributes(request, http.route));
      if (options.requestHeaders.length > 0) Object.assign(attributes, requestHeaderAttributes(request.headers, lowerCased(options.requestHeaders)));
    } else if (faasTrigger === 'timer') {
      attributes[ATTR_FAAS_INVOCATION_START_TIME] = new Date().toISOString();
      if (typeof trigger.schedule === 'string') attributes[ATTR_FAAS_CRON] = trigger.schedule;
    }

    const parent = parentContextOf(ctx.invocationContext.traceContext);
    const chosenName: unknown = callHook(ctx.logger, 'spanName', () => options.spanName?.(invocation));
    const name = typeof chosenName === 'string' && chosenName !== '' ? chosenName : ctx.functionName;
    const span = tracer.startSpan(name, { kind: spanKindOf(faasTrigger), attributes }, parent);
    ctx.state.span = span;
    ctx.state.context = contextWithSpan(parent, span);
    if (options.onStart !== undefined && span.isRecording()) {
      const onStart = options.onStart;
      callHook(ctx.logger, 'onStart', () => {
        onStart(span, invocation);
      });
    }
  },

  // The handler runs inside the span's context: spans that instrumented clients start while it awaits are children.
  aroundHandler(ctx, next) {
    const spanContext = ctx.state.context;
    return spanContext === undefined ? next() : runInContext(spanContext, next);
  },

  postInvocation(ctx) {
    const { invocation, span } = ctx.state;
    if (invocation === undefined) return;
    const { options } = ctx;
    const failed = ctx.failed;
    const statusCode = invocation.http === undefined ? undefined : responseStatusOf(ctx.result, failed);
    const errorType = failed ? errorTypeOf(ctx.error) : statusCode !== undefined && statusCode >= 500 ? String(statusCode) : undefined;

    try {
      if (span?.isRecording() === true) {
        try {
          span.setAttributes(statusAttributes(statusCode));
          if (invocation.http !== undefined && options.responseHeaders.length > 0 && !failed) {
            span.setAttributes(responseHeaderAttributes(ctx.result, lowerCased(options.responseHeaders)));
          }
          if (failed) recordException(span, ctx.error);
          if (errorType !== undefined) {
            span.setAttribute(ATTR_ERROR_TYPE, errorType);
            markFailed(span, failed ? ctx.error : undefined);
          }
          if (options.onEnd !== undefined) {
            const onEnd = options.onEnd;
            // Spelled out rather than `{ ...invocation, result, … }`: V8 in Node 20 makes new hidden classes for every
            // spread copy that gains properties, microseconds a call for these four (docs/performance.md).
            const outcome: TracedOutcome = {
              functionName: invocation.functionName,
              invocationId: invocation.invocationId,
              triggerType: invocation.triggerType,
              faasTrigger: invocation.faasTrigger,
              triggerInput: invocation.triggerInput,
              http: invocation.http,
              result: ctx.result,
              error: ctx.error,
              failed,
              statusCode,
            };
            callHook(ctx.logger, 'onEnd', () => {
              onEnd(span, outcome);
            });
          }
        } finally {
          // Whatever failed above (a broken span processor, say), the span still ends.
          span.end();
        }
      }
    } finally {
      // And the duration is still recorded, even when ending the span threw.
      if (options.metrics) {
        const seconds = (performance.now() - ctx.state.startedAt) / 1000;
        const attributes: Attributes = { [ATTR_FAAS_TRIGGER]: invocation.faasTrigger, [ATTR_FAAS_NAME]: invocation.functionName };
        if (errorType !== undefined) attributes[ATTR_ERROR_TYPE] = errorType;
        ctx.appState.duration.record(seconds, attributes);
      }
    }
  },
});

/** The extension's resolved options, as `OpenTelemetryExtension.options` holds them. */
export type OpenTelemetryOptions = (typeof OpenTelemetryExtension)['options'];

// The hooks above reach @opentelemetry/api only through the functions below. The ES module and CommonJS builds spell
// a call to an imported binding differently (`trace.setSpan` against `_opentelemetry_api.trace.setSpan`), but the
// SDK recognises the two builds as one extension by their hooks' source text (an app may import one and require the
// other): so a hook names nothing imported from another package. package.test.ts checks that the builds are twins.

function contextWithSpan(parent: Context, span: Span): Context {
  return trace.setSpan(parent, span);
}

function runInContext<T>(spanContext: Context, next: () => T): T {
  return context.with(spanContext, next);
}

function markFailed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, ...statusMessage(error) });
}

/**
 * The tracer of the provider the app registered, or `undefined` when it registered none. The API's global is a
 * proxy that hands out no-op tracers until a provider is set; asking the proxy for its delegate's tracer tells the
 * two apart without starting a span. (Duck-typed: the global may be another copy of the API's proxy.)
 */
function registeredTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider() as ReturnType<typeof trace.getTracerProvider> & {
    getDelegateTracer?: (name: string) => Tracer | undefined;
  };
  return typeof provider.getDelegateTracer === 'function'
    ? provider.getDelegateTracer(INSTRUMENTATION_SCOPE)
    : provider.getTracer(INSTRUMENTATION_SCOPE);
}

/** Runs one of the customer's hooks; a throw is logged and ignored, so it never costs the invocation its span. */
function callHook<T>(logger: { warn(...args: unknown[]): void }, option: string, hook: () => T): T | undefined {
  try {
    return hook();
  } catch (error) {
    logger.warn(`[opentelemetry] The ${option} option threw; the span goes on without it:`, error);
    return undefined;
  }
}

function lowerCased(names: readonly string[]): string[] {
  return names.map((name) => name.toLowerCase());
}

/** `error.type`: the class of what was thrown (`TypeError`, `ExtensionHookError`), `_OTHER` for a non-Error. */
function errorTypeOf(error: unknown): string {
  if (!(error instanceof Error)) return ERROR_TYPE_OTHER;
  const constructorName: unknown = (error.constructor as { name?: unknown } | undefined)?.name;
  if (typeof constructorName === 'string' && constructorName !== '' && constructorName !== 'Error') return constructorName;
  return typeof error.name === 'string' && error.name !== '' ? error.name : ERROR_TYPE_OTHER;
}

function recordException(span: Span, error: unknown): void {
  try {
    span.recordException(error instanceof Error ? error : { name: ERROR_TYPE_OTHER, message: String(error) });
  } catch {
    // A thrown value whose message cannot even be read (a hostile getter or Proxy): record that something failed.
    span.recordException({ name: ERROR_TYPE_OTHER, message: 'a value that cannot be read' });
  }
}

function statusMessage(error: unknown): { message?: string } {
  if (!(error instanceof Error)) return {};
  try {
    return typeof error.message === 'string' && error.message !== '' ? { message: error.message } : {};
  } catch {
    return {};
  }
}
