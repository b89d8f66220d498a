import type { LogRecord } from '../app/logging/LogRecord.js';

export interface StartHostOptions {
  /** The function app's folder (package.json with `main`, host.json, local.settings.json); relative to the cwd. */
  readonly appDir: string;
  /** Port to listen on. Default 0: any free port (the CLI defaults to 7071). */
  readonly port?: number;
  /** Address to listen on. Default 127.0.0.1: this machine only. */
  readonly hostname?: string;
  /** Extra environment for the app, applied like app settings but overriding the process's own variables. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Print nothing (logs are still in `host.logs`). Default true. */
  readonly quiet?: boolean;
  /** Print debug lines and the worker's system logs too. */
  readonly verbose?: boolean;
  /** Largest request body accepted, in bytes; larger ones get 413. Default 100 MiB (the host's default). */
  readonly maxBodyBytes?: number;
  /** Time a client has to send the request headers. Default 60 s. */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send the whole request. Default 5 min. */
  readonly requestTimeoutMs?: number;
  /** How long `close()` waits for in-flight invocations, and then for appTerminate hooks. Default 10 s. */
  readonly shutdownTimeoutMs?: number;
  /** Lets callers from other machines use the admin endpoints when they send it in `x-functions-key`. */
  readonly adminKey?: string;
  /** Load only these functions (Core Tools' `--functions`); host.json `functions` applies too. */
  readonly functions?: readonly string[];
  /** Allowed CORS origins, comma-separated, or "*" (Core Tools' `--cors`); default: local.settings.json `Host.CORS`. */
  readonly cors?: string;
  /** Allow credentialed CORS requests (Core Tools' `--cors-credentials`); default: `Host.CORSCredentials`. */
  readonly corsCredentials?: boolean;
  /**
   * Check function keys (Core Tools' `--enableAuth`): requests to authLevel 'function'/'admin' functions need a key
   * (`code` query or `x-functions-key` header) from the app settings AZFX_MASTER_KEY, AZFX_HOST_KEY or
   * AZFX_FUNCTION_KEY_<name>; else 401.
   */
  readonly enableAuth?: boolean;
}

export interface FunctionInfo {
  readonly name: string;
  /** e.g. 'httpTrigger', 'timerTrigger'. */
  readonly triggerType: string;
  /** HTTP functions: the allowed methods (every method when the function allows all). */
  readonly methods?: readonly string[];
  /** HTTP functions: the route template below the prefix, e.g. 'products/{id:int?}'. */
  readonly route?: string;
  /** HTTP functions: the URL with its template, e.g. 'http://127.0.0.1:7071/api/products/{id:int?}'. */
  readonly url?: string;
  /**
   * HTTP functions: the key Azure asks callers for, as the function declares it: 'anonymous', 'function' or 'admin'
   * (lower-case). Absent for other triggers.
   */
  readonly authLevel?: string;
  /** azfx #14: `AzureWebJobs.<name>.Disabled` is set: listed, but not served (404), scheduled or runnable. */
  readonly disabled?: boolean;
  /** azfx #14: what Azure would do for this function that the dev host does not (non-emulated triggers and bindings). */
  readonly notEmulated?: readonly string[];
}

/** What `invoke()` accepts as the input of an HTTP function. */
export interface HttpInvokeInput {
  readonly method?: string;
  /**
   * Absolute, or a path resolved against `host.url`. Without `params` it must match the function's route, which
   * gives the route params, as a request to it would get them. Default: the function's route with `params` filled in
   * (defaults used, absent optional parameters left out); a required parameter then needs a value in `params`.
   */
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The route params. Default: those the route gives `url`. With `url` too, both are used as they are. */
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface InvokeOptions {
  /**
   * The trigger input. Strings, bytes and numbers pass as they are, other values as JSON (the library parses JSON
   * strings, as with real triggers). A timer gets its TimerInfo when this is omitted; an HTTP function takes an
   * HttpInvokeInput.
   */
  readonly input?: unknown;
  /**
   * Trigger metadata, on top of what the host gives a hand-run function of its trigger type (a queue message's `Id`,
   * `DequeueCount`, `InsertionTime`…, and the top-level properties of a JSON object input). Non-HTTP, non-timer
   * functions see it, camel-cased, in `context.triggerMetadata`.
   */
  readonly triggerMetadata?: Readonly<Record<string, unknown>>;
}

export interface InvokeResult {
  readonly invocationId: string;
  /** The invocation failed: the function or a hook threw (or a post hook set `error`). */
  readonly failed: boolean;
  /** What the function returned, after post hooks. */
  readonly result?: unknown;
  /** What failed the invocation. */
  readonly error?: unknown;
  /**
   * What the function wrote to its output bindings (`context.extraOutputs`, or a non-HTTP `return` binding), by
   * binding name. The dev host does not deliver them anywhere (it has no storage), so tests can check them here.
   */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The logs of this invocation: of every attempt, when the function's retry policy ran it again. */
  readonly logs: readonly LogRecord[];
  /**
   * Every run this call made, in order: one, or more when the function's retry policy ran it again after a failure
   * (each a full invocation with its own id, hooks included). The fields above describe the last one.
   */
  readonly attempts: readonly InvokeAttempt[];
}

/** One run of a function within an `invoke()` call. */
export interface InvokeAttempt {
  readonly invocationId: string;
  readonly failed: boolean;
  /** What failed this attempt. */
  readonly error?: unknown;
}

export interface Host {
  /** e.g. 'http://127.0.0.1:54321' */
  readonly url: string;
  readonly functions: readonly FunctionInfo[];
  /** Every log so far, worker (through the app's log hooks) and host. */
  readonly logs: readonly LogRecord[];
  /** A real HTTP request to the host; `path` is resolved against `url`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /**
   * Runs a function by name through the full worker sequence, hooks included, and again after a failure as far as
   * its retry policy says (not HTTP functions). Never rejects for a failed invocation.
   */
  invoke(functionName: string, options?: InvokeOptions): Promise<InvokeResult>;
  /** Stops accepting, waits for in-flight invocations (bounded), runs appTerminate hooks. Idempotent. */
  close(): Promise<void>;
}
