import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../../app/logging/createLogger.js';
import type { LogLevel } from '../../app/logging/LogRecord.js';

/**
 * The level the host gives a line of a worker's console output: stdout is Information; stderr is Error, or Warning
 * when the line says "warn" (the host's rule for language worker output).
 */
export function consoleLineLevel(stream: 'stdout' | 'stderr', line: string): LogLevel {
  if (stream === 'stdout') {
    return 'information';
  }
  return /warn/i.test(line) ? 'warning' : 'error';
}

// The worker prints the app's logs (context.log) itself, already stamped and filtered: those lines pass as they are.
const workerLogLine = /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] /;

/**
 * Logs each line of a worker's console output (console.log, process.stdout.write, ...) with its level and a
 * timestamp, like the app's own logs; lines the worker's logger printed are passed on unchanged.
 */
export function consoleOutputLogger(
  logger: Logger,
  streams: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream } = process,
): (stream: 'stdout' | 'stderr', line: string) => void {
  return (stream, line) => {
    if (workerLogLine.test(line)) {
      streams[stream].write(`${line}\n`);
      return;
    }
    logger.write({ level: consoleLineLevel(stream, line), category: 'user', source: 'worker', message: line, timestamp: new Date() });
  };
}

/** Calls `output` for every line the child writes (a last line without a newline too). */
export function forwardLines(child: ChildProcess, output: (stream: 'stdout' | 'stderr', line: string) => void): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const readable = child[stream];
    if (readable) {
      createInterface({ input: readable, crlfDelay: Infinity }).on('line', (line) => {
        output(stream, line);
      });
    }
  }
}
