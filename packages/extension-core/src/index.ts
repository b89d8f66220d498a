export { defineExtension } from './defineExtension.js';
export { listExtensions } from './listExtensions.js';
export { option } from './options/option.js';
export type { CustomOptionConfig, NumberOptionConfig, StringOptionConfig } from './options/option.js';
export type { Option, OptionsInput, OptionsSchema, ResolvedOptions } from './options/types.js';
export { ExtensionConfigurationError, ExtensionHookError } from './errors.js';
export { DISABLED_SETTING } from './disabled.js';
export * from './http/index.js';
export type { FunctionInfo, Scope } from './scope.js';
export type { AppFunction } from './appFunctions.js';
export type {
  Extension,
  ExtensionDefinition,
  ExtensionInfo,
  ExtensionOrder,
  ExtensionRegistration,
  HookResult,
} from './types.js';
export type {
  AppStartHookContext,
  AppTerminateHookContext,
  ErrorContext,
  ExtensionContext,
  HandlerContext,
  InitContext,
  InvocationInfo,
  Logger,
  NextHandler,
  PostInvocationHookContext,
  PreInvocationHookContext,
} from './contexts/types.js';
