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
  /** The newest records, oldest first: 10,000 from information up, and of those below it the newest 1,000. */
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

// Unbounded growth would be a leak; tests read recent records. Records kept this long outlive the young generation,
// and the garbage collector copies, promotes and marks each of them: with every record kept 10,000 deep (up to
// 20,000 before a trim) that was about a fifth of `startHost()`'s CPU per HTTP request, and each extension's lines
// added to it. Most records of a request are debug lines (the host's Executing/Executed, the worker's, two per hook
// phase: seven of ten with the timer); those are kept 1,000 deep, where most die young (tooling/bench, http).
const maxKeptRecords = 10_000;
const maxKeptDebugRecords = 1_000;

/** Records of one depth, each with its place in the order of writing (the two depths are merged on read). */
class RecordRing {
  readonly records: LogRecord[] = [];
  readonly order: number[] = [];
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  push(record: LogRecord, order: number): void {
    this.records.push(record);
    this.order.push(order);
    // Trimming on every record once full would move the whole buffer per log line: let it run to twice the size
    // and cut it back in one go; `trim()` makes it exact on read.
    if (this.records.length >= 2 * this.#limit) {
      this.trim();
    }
  }

  trim(): void {
    const excess = this.records.length - this.#limit;
    if (excess > 0) {
      this.records.splice(0, excess);
      this.order.splice(0, excess);
    }
  }
}

/**
 * Keeps every log record (for `host.logs`) and prints the ones a developer wants to see, Core Tools style:
 * `[timestamp] message`. By default: user logs from information up, the host's own lines, and worker system logs
 * from warning up. `verbose` prints everything.
 */
export function createLogger(options: LoggerOptions): Logger {
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
  const lasting = new RecordRing(maxKeptRecords);
  const brief = new RecordRing(maxKeptDebugRecords);
  let written = 0;
  const keepNewest = (): LogRecord[] => {
    lasting.trim();
    brief.trim();
    const merged: LogRecord[] = [];
    let a = 0;
    let b = 0;
    while (a < lasting.records.length || b < brief.records.length) {
      const takeLasting = b >= brief.records.length || (a < lasting.records.length && (lasting.order[a] ?? 0) < (brief.order[b] ?? 0));
      const next = takeLasting ? lasting.records[a++] : brief.records[b++];
      if (next !== undefined) {
        merged.push(next);
      }
    }
    return merged;
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
      (severity[record.level] >= severity.information ? lasting : brief).push(record, written++);
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
