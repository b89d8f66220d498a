import type { RpcLogCategory, RpcLogLevel } from '../coreApiTypes.js';

export type LogLevel = RpcLogLevel;
export type LogCategory = RpcLogCategory;

/**
 * One log line the dev host saw. `source: 'worker'` lines went through the app's log hooks, exactly as the worker
 * sends them to the host; `source: 'host'` lines are the host's own (start-up listing, request lines), which the
 * worker never sees.
 */
export interface LogRecord {
  readonly level: LogLevel;
  readonly category: LogCategory;
  readonly message: string;
  readonly source: 'worker' | 'host';
  readonly timestamp: Date;
  readonly functionName?: string;
  readonly invocationId?: string;
}

export type LogSink = (record: LogRecord) => void;
