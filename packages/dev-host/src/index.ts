export { startHost } from './host/startHost.js';
export { HostStartupError } from './host/HostStartupError.js';
export type { FunctionInfo, Host, HttpInvokeInput, InvokeAttempt, InvokeOptions, InvokeResult, StartHostOptions } from './host/publicTypes.js';
export type { LogCategory, LogLevel, LogRecord } from './logging/LogRecord.js';
