// Our own declarations of the worker's core API (`@azure/functions-core`). The worker serves this module at run
// time and publishes no types for it, so the shapes below are written from the runtime contract and from what the
// `@azure/functions` library reads and writes. Only what the dev host touches is typed precisely.

export type RpcLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';
export type RpcLogCategory = 'user' | 'system' | 'customMetric';
export type InvocationState = 'preInvocationHooks' | 'invocation' | 'postInvocationHooks';
export type HookName = 'preInvocation' | 'postInvocation' | 'appStart' | 'appTerminate' | 'log';
export type HookData = Record<string, unknown>;
export type WorkerCapabilities = Record<string, string>;

export interface DisposableLike {
  dispose(): unknown;
}

export interface RpcNullableString {
  value?: string | null;
}

export interface RpcNullableBool {
  value?: boolean | null;
}

export interface RpcNullableDouble {
  value?: number | null;
}

export interface RpcNullableTimestamp {
  value?: { seconds?: number | bigint | null; nanos?: number | null } | null;
}

export type RpcHttpCookieSameSite = 'none' | 'lax' | 'strict' | 'explicitNone';

export interface RpcHttpCookie {
  name?: string | null;
  value?: string | null;
  domain?: RpcNullableString | null;
  path?: RpcNullableString | null;
  expires?: RpcNullableTimestamp | null;
  secure?: RpcNullableBool | null;
  httpOnly?: RpcNullableBool | null;
  sameSite?: RpcHttpCookieSameSite | null;
  maxAge?: RpcNullableDouble | null;
}

export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  nullableHeaders?: Record<string, RpcNullableString> | null;
  query?: Record<string, string> | null;
  nullableQuery?: Record<string, RpcNullableString> | null;
  params?: Record<string, string> | null;
  nullableParams?: Record<string, RpcNullableString> | null;
  body?: RpcTypedData | null;
  statusCode?: string | null;
  cookies?: RpcHttpCookie[] | null;
  enableContentNegotiation?: boolean | null;
}

export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  stream?: Uint8Array | null;
  http?: RpcHttpData | null;
  int?: number | null;
  double?: number | null;
  collectionBytes?: { bytes?: Uint8Array[] | null } | null;
  collectionString?: { string?: string[] | null } | null;
  collectionDouble?: { double?: number[] | null } | null;
  collectionSint64?: { sint64?: number[] | null } | null;
}

export interface RpcParameterBinding {
  name?: string | null;
  data?: RpcTypedData | null;
}

export interface RpcTraceContext {
  traceParent?: string | null;
  traceState?: string | null;
  attributes?: Record<string, string> | null;
}

export interface RpcException {
  source?: string | null;
  stackTrace?: string | null;
  message?: string | null;
}

export interface RpcRetryContext {
  retryCount?: number | null;
  maxRetryCount?: number | null;
  exception?: RpcException | null;
}

export interface RpcInvocationRequest {
  invocationId: string;
  functionId: string;
  inputData: RpcParameterBinding[];
  triggerMetadata: Record<string, RpcTypedData>;
  traceContext: RpcTraceContext;
  retryContext?: RpcRetryContext | null;
}

export interface RpcInvocationResponse {
  invocationId?: string | null;
  outputData?: RpcParameterBinding[] | null;
  returnValue?: RpcTypedData | null;
}

/** One binding as the library registers it: `type`, `direction` and the trigger's own options (route, schedule…). */
export interface RpcBindingInfo {
  type?: string | null;
  direction?: 'in' | 'out' | 'inout' | null;
  [option: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  functionId?: string | null;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
  [other: string]: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: unknown) => unknown;

export interface CoreInvocationContext {
  invocationId: string;
  request: RpcInvocationRequest;
  metadata: FunctionMetadata;
  state: InvocationState | undefined;
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void;
}

export interface InvocationArguments {
  context: unknown;
  inputs: unknown[];
}

export interface InvocationModel {
  getArguments(): Promise<InvocationArguments>;
  invokeFunction(context: unknown, inputs: unknown[], callback: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel | Promise<InvocationModel>;
  getCapabilities?(capabilities: WorkerCapabilities): WorkerCapabilities | Promise<WorkerCapabilities>;
}

/** The module object that `require('@azure/functions-core')` returns. */
export interface CoreApi {
  readonly version: string;
  readonly hostVersion: string;
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): DisposableLike;
  registerHook(hookName: string, callback: HookCallback): DisposableLike;
  setProgrammingModel(programmingModel: ProgrammingModel): void;
  getProgrammingModel(): ProgrammingModel | undefined;
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void;
  readonly Disposable: new (callOnDispose: () => unknown) => DisposableLike;
}
