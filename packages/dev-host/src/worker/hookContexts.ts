import { ReadOnlyError } from './core/errors.js';
import type { FunctionCallback, HookData, RpcLogCategory, RpcLogLevel } from '../app/coreApiTypes.js';

// The core-level hook contexts the worker hands to hook callbacks. The library wraps each one in its public class
// (PreInvocationContext…) whose setters write through to these objects, so the writable properties must be plain
// properties and the read-only ones must throw on assignment, as in the worker.

function readOnly<T extends object>(target: T, name: string, value: unknown): T {
  Object.defineProperty(target, name, {
    enumerable: true,
    get: () => value,
    set: () => {
      throw new ReadOnlyError(name);
    },
  });
  return target;
}

export interface AppHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly functionAppDirectory: string;
}

export function createAppHookContext(hookData: HookData, appHookData: HookData, functionAppDirectory: string): AppHookContext {
  const context = { functionAppDirectory };
  readOnly(context, 'hookData', hookData);
  return readOnly(context, 'appHookData', appHookData) as AppHookContext;
}

export interface PreInvocationHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
  inputs: unknown[];
  functionCallback: FunctionCallback;
}

export interface PostInvocationHookContext {
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
  inputs: unknown[];
  result: unknown;
  error: unknown;
}

interface InvocationScope {
  hookData: HookData;
  appHookData: HookData;
  invocationContext: unknown;
}

function withInvocationScope<T extends object>(target: T, scope: InvocationScope): T {
  readOnly(target, 'hookData', scope.hookData);
  readOnly(target, 'appHookData', scope.appHookData);
  return readOnly(target, 'invocationContext', scope.invocationContext);
}

export function createPreInvocationHookContext(
  scope: InvocationScope,
  inputs: unknown[],
  functionCallback: FunctionCallback,
): PreInvocationHookContext {
  return withInvocationScope({ inputs, functionCallback }, scope) as PreInvocationHookContext;
}

export function createPostInvocationHookContext(scope: InvocationScope, inputs: unknown[]): PostInvocationHookContext {
  // result and error start as null, as in the worker: `null` means "no error" to the library and to us.
  return withInvocationScope({ inputs, result: null, error: null }, scope) as PostInvocationHookContext;
}

export interface LogHookContext {
  level: RpcLogLevel;
  message: string;
  readonly category: RpcLogCategory;
  readonly hookData: HookData;
  readonly appHookData: HookData;
  readonly invocationContext: unknown;
}

export function createLogHookContext(
  level: RpcLogLevel,
  message: string,
  category: RpcLogCategory,
  scope: { hookData: HookData; appHookData: HookData; invocationContext: unknown },
): LogHookContext {
  const context = { level, message };
  readOnly(context, 'category', category);
  return withInvocationScope(context, scope) as LogHookContext;
}
