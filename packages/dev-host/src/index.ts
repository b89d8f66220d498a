export { startHost } from './startHost.js';
export { HostStartupError } from './app/HostStartupError.js';
export type { FunctionInfo, Host, HttpInvokeInput, InvokeAttempt, InvokeOptions, InvokeResult, StartHostOptions } from './host/publicTypes.js';
export type { LogCategory, LogLevel, LogRecord } from './app/logging/LogRecord.js';
