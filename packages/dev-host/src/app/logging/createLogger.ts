import type { LogLevel, LogRecord } from './LogRecord.js';
import { passesLogLevels } from './logLevelFilter.js';

export interface LoggerOptions {
  /** Print nothing; records are still kept. */
  readonly quiet: boolean;
  /** Print debug and trace lines and the worker's own system logs too. */
  readonly verbose: boolean;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  /**
   * Keep the newest records for `records` (default true). `azfx start`'s processes print and forget: nothing reads
   * their records, and keeping 10,000 of them alive was a steady cost to the garbage collector on every request.
   */
  readonly keepRecords?: boolean;
}

export interface Logger {
  /** The newest records (at most 1,000), oldest first. */
  readonly records: readonly LogRecord[];
  /**
   * Collects every record with an invocation id from now until `stop()`, however many others are written meanwhile
   * (`invoke()` returns its invocation's logs from these, not from the bounded `records`).
   */
  readonly captureInvocationLogs: () => { readonly records: readonly LogRecord[]; stop(): void };
  readonly write: (record: LogRecord) => void;
  readonly host: (level: LogLevel, message: string, scope?: { functionName?: string; invocationId?: string }) => void;
  /** azfx #14: host.json `logging.logLevel`, once the app's configuration is read (filters what is printed). */
  readonly applyLogLevels: (levels: Readonly<Record<string, string>>) => void;
}

const severity: Record<LogLevel, number> = { trace: 0, debug: 1, information: 2, warning: 3, error: 4, critical: 5, none: 6 };

// Unbounded growth would be a leak; tests read recent records. Records kept this long outlive the young generation:
// with 10,000 (up to 20,000 before a trim) the garbage collector spent about 20% of `startHost()`'s CPU per HTTP
// request copying and marking them, and every extension's log line added to it (the timer's doubled the records per
// request). 1,000 records live for about a hundred requests under load and mostly die young (tooling/bench, http).
const maxKeptRecords = 1_000;

/**
 * Keeps every log record (for `host.logs`) and prints the ones a developer wants to see, Core Tools style:
 * `[timestamp] message`. By default: user logs from information up, the host's own lines, and worker system logs
 * from warning up. `verbose` prints everything.
 */
export function createLogger(options: LoggerOptions): Logger {
  const records: LogRecord[] = [];
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  let logLevels: Readonly<Record<string, string>> = {};
  const shouldPrint = (record: LogRecord): boolean => {
    if (options.quiet || record.level === 'none') {
      return false;
    }
    if (!passesLogLevels(logLevels, record)) {
      return false;
    }
    if (options.verbose) {
      return true;
    }
    const minimum = record.source === 'worker' && record.category !== 'user' ? severity.warning : severity.information;
    return severity[record.level] >= minimum;
  };
  // Trimming on every record once the buffer is full would move 10,000 entries per log line (and the worker logs
  // two lines per hook phase): let it run to twice the size and cut it back in one go, and trim exactly on read.
  const keepNewest = (): LogRecord[] => {
    if (records.length > maxKeptRecords) {
      records.splice(0, records.length - maxKeptRecords);
    }
    return records;
  };
  const keepRecords = options.keepRecords ?? true;
  const captures = new Set<LogRecord[]>();
  const write = (record: LogRecord): void => {
    if (captures.size > 0 && record.invocationId !== undefined) {
      for (const captured of captures) {
        captured.push(record);
      }
    }
    if (keepRecords) {
      records.push(record);
      if (records.length >= 2 * maxKeptRecords) {
        keepNewest();
      }
    }
    if (shouldPrint(record)) {
      const stream = severity[record.level] >= severity.warning ? stderr : stdout;
      stream.write(`[${record.timestamp.toISOString()}] ${record.message}\n`);
    }
  };
  return {
    get records() {
      return keepNewest();
    },
    write,
    captureInvocationLogs: () => {
      const captured: LogRecord[] = [];
      captures.add(captured);
      return {
        records: captured,
        stop: () => {
          captures.delete(captured);
        },
      };
    },
    applyLogLevels: (levels) => {
      logLevels = levels;
    },
    host: (level, message, scope) => {
      // The host's debug lines (two per request) print only with verbose; not kept either, they need no record.
      if (!keepRecords && !options.verbose && severity[level] < severity.information) {
        return;
      }
      write({ level, category: 'system', message, source: 'host', timestamp: new Date(), ...scope });
    },
  };
}
