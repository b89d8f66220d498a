import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../app/logging/createLogger.js';
import { consoleLineLevel, consoleOutputLogger } from './consoleOutput.js';

describe("a worker's console output", () => {
  it('gets the levels the host gives it: stdout Information, stderr Error, or Warning when the line says "warn"', () => {
    expect(consoleLineLevel('stdout', 'warning: stdout is still information')).toBe('information');
    expect(consoleLineLevel('stderr', 'boom')).toBe('error');
    expect(consoleLineLevel('stderr', '(node:1) Warning: something is deprecated')).toBe('warning');
  });

  it("is kept in the host's logs, and lines the worker's logger already printed pass unchanged", () => {
    const logger = createLogger({ quiet: true, verbose: false });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const output = consoleOutputLogger(logger, { stdout, stderr });
    output('stderr', 'warn: careful');
    output('stdout', '[2026-01-01T00:00:00.000Z] already stamped');
    expect(logger.records.map(({ level, message, source }) => ({ level, message, source }))).toEqual([{ level: 'warning', message: 'warn: careful', source: 'worker' }]);
    expect(String(stdout.read())).toBe('[2026-01-01T00:00:00.000Z] already stamped\n');
  });
});
