import { ReadOnlyError } from './core/errors.js';
import type { FunctionCallback, HookData, RpcLogCategory, RpcLogLevel } from '../app/coreApiTypes.js';

// The core-level hook contexts the worker hands to hook callbacks. The library wraps each one in its public class
// (PreInvocationContext…) whose setters write through to these objects, so the writable properties must be plain
// properties and the read-only ones must throw on assignment, as in the worker.
//
// The read-only ones are accessors on a class's prototype. The worker writes them as accessors of an object literal
// (own properties); defining them per object (a literal or Object.defineProperty) cost about 2 µs per context, two
// to three contexts per invocation with hooks, against 0.2 µs for a class. Reading, writing and throwing behave the
// same; only `Object.keys()` of a context no longer lists them.

export interface AppHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly functionAppDirectory: string;
}

class CoreAppHookContext implements AppHookContext {
  readonly functionAppDirectory: string;
  readonly #hookData: HookData;
  readonly #appHookData: HookData;

  constructor(hookData: HookData, appHookData: HookData, functionAppDirectory: string) {
    this.functionAppDirectory = functionAppDirectory;
    this.#hookData = hookData;
    this.#appHookData = appHookData;
  }

  get hookData(): HookData {
    return this.#hookData;
  }

  set hookData(_value: HookData) {
    throw new ReadOnlyError('hookData');
  }

  get appHookData(): HookData {
    return this.#appHookData;
  }

  set appHookData(_value: HookData) {
    throw new ReadOnlyError('appHookData');
  }
}

export function createAppHookContext(hookData: HookData, appHookData: HookData, functionAppDirectory: string): AppHookContext {
  return new CoreAppHookContext(hookData, appHookData, functionAppDirectory);
}

interface InvocationScope {
  hookData: HookData;
  appHookData: HookData;
  invocationContext: unknown;
}

/** hookData, appHookData and invocationContext, read-only, for every invocation-level hook context. */
class InvocationScoped {
  readonly #scope: InvocationScope;

  constructor(scope: InvocationScope) {
    this.#scope = scope;
  }

  get hookData(): HookData {
    return this.#scope.hookData;
  }

  set hookData(_value: HookData) {
    throw new ReadOnlyError('hookData');
  }

  get appHookData(): HookData {
    return this.#scope.appHookData;
  }

  set appHookData(_value: HookData) {
    throw new ReadOnlyError('appHookData');
  }

  get invocationContext(): unknown {
    return this.#scope.invocationContext;
  }

  set invocationContext(_value: unknown) {
    throw new ReadOnlyError('invocationContext');
  }
}

export interface PreInvocationHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
  inputs: unknown[];
  functionCallback: FunctionCallback;
}

class CorePreInvocationHookContext extends InvocationScoped implements PreInvocationHookContext {
  inputs: unknown[];
  functionCallback: FunctionCallback;

  constructor(scope: InvocationScope, inputs: unknown[], functionCallback: FunctionCallback) {
    super(scope);
    this.inputs = inputs;
    this.functionCallback = functionCallback;
  }
}

export function createPreInvocationHookContext(
  scope: InvocationScope,
  inputs: unknown[],
  functionCallback: FunctionCallback,
): PreInvocationHookContext {
  return new CorePreInvocationHookContext(scope, inputs, functionCallback);
}

export interface PostInvocationHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
  inputs: unknown[];
  result: unknown;
  error: unknown;
}

class CorePostInvocationHookContext extends InvocationScoped implements PostInvocationHookContext {
  inputs: unknown[];
  // result and error start as null, as in the worker: `null` means "no error" to the library and to us.
  result: unknown = null;
  error: unknown = null;

  constructor(scope: InvocationScope, inputs: unknown[]) {
    super(scope);
    this.inputs = inputs;
  }
}

export function createPostInvocationHookContext(scope: InvocationScope, inputs: unknown[]): PostInvocationHookContext {
  return new CorePostInvocationHookContext(scope, inputs);
}

export interface LogHookContext {
  level: RpcLogLevel;
  message: string;
  readonly category: RpcLogCategory;
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
}

class CoreLogHookContext extends InvocationScoped implements LogHookContext {
  level: RpcLogLevel;
  message: string;
  readonly #category: RpcLogCategory;

  constructor(level: RpcLogLevel, message: string, category: RpcLogCategory, scope: InvocationScope) {
    super(scope);
    this.level = level;
    this.message = message;
    this.#category = category;
  }

  get category(): RpcLogCategory {
    return this.#category;
  }

  set category(_value: RpcLogCategory) {
    throw new ReadOnlyError('category');
  }
}

export function createLogHookContext(
  level: RpcLogLevel,
  message: string,
  category: RpcLogCategory,
  scope: { hookData: HookData; appHookData: HookData; invocationContext: unknown },
): LogHookContext {
  return new CoreLogHookContext(level, message, category, scope);
}
