import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './createLogger.js';

describe('the host logger', () => {
  it('keeps exactly the newest 10,000 records however many were written', () => {
    const logger = createLogger({ quiet: true, verbose: false });
    for (let index = 0; index < 25_123; index++) logger.host('information', `line ${index}`);

    const records = logger.records;
    expect(records).toHaveLength(10_000);
    expect(records[0]?.message).toBe('line 15123');
    expect(records.at(-1)?.message).toBe('line 25122');
  });

  it('keeps the newest 1,000 debug records, in the order of writing with the others', () => {
    const logger = createLogger({ quiet: true, verbose: false });
    for (let index = 0; index < 2_500; index++) {
      logger.host('debug', `debug ${index}`);
      if (index % 100 === 0) logger.host('information', `info ${index}`);
    }

    const messages = logger.records.map((record) => record.message);
    expect(messages.filter((message) => message.startsWith('debug'))).toHaveLength(1_000);
    expect(messages.filter((message) => message.startsWith('info'))).toHaveLength(25);
    expect(messages.slice(0, 2)).toEqual(['info 0', 'info 100']);
    const index1500 = messages.indexOf('debug 1500');
    expect(messages.slice(index1500, index1500 + 3)).toEqual(['debug 1500', 'info 1500', 'debug 1501']);
  });

  it('captures every invocation record while asked, beyond what it keeps', () => {
    const logger = createLogger({ quiet: true, verbose: false });
    const capture = logger.captureInvocationLogs();
    logger.host('information', 'no invocation');
    for (let index = 0; index < 2_500; index++) logger.host('debug', `line ${index}`, { invocationId: `id-${index}` });
    capture.stop();
    logger.host('information', 'after', { invocationId: 'id-late' });

    expect(capture.records).toHaveLength(2_500);
    expect(capture.records[0]?.message).toBe('line 0');
    expect(logger.records.filter((record) => record.level === 'debug')).toHaveLength(1_000);
  });

  it('prints the lines a developer wants and keeps every record, printed or not', () => {
    const stdout = new PassThrough({ encoding: 'utf8' });
    const logger = createLogger({ quiet: false, verbose: false, stdout, stderr: new PassThrough() });
    logger.write({ level: 'debug', category: 'system', message: 'internal', source: 'worker', timestamp: new Date(0) });
    logger.host('information', 'Functions:');

    expect(String(stdout.read())).toMatch(/^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] Functions:\n$/);
    expect(logger.records.map((record) => record.message)).toEqual(['internal', 'Functions:']);
  });

  it('without keepRecords (azfx start) prints the same lines and keeps nothing', () => {
    const stdout = new PassThrough({ encoding: 'utf8' });
    const stderr = new PassThrough({ encoding: 'utf8' });
    const logger = createLogger({ quiet: false, verbose: false, stdout, stderr, keepRecords: false });
    logger.host('debug', "Executing 'Functions.hello'");
    logger.host('information', 'GET /api/hello 200 1ms');
    logger.host('error', 'broken');

    expect(String(stdout.read())).toMatch(/^\[[\d\-T:.]+Z\] GET \/api\/hello 200 1ms\n$/);
    expect(String(stderr.read())).toMatch(/^\[[\d\-T:.]+Z\] broken\n$/);
    expect(logger.records).toEqual([]);
  });

  it('without keepRecords still prints the debug lines with verbose', () => {
    const stdout = new PassThrough({ encoding: 'utf8' });
    const logger = createLogger({ quiet: false, verbose: true, stdout, stderr: new PassThrough(), keepRecords: false });
    logger.host('debug', "Executing 'Functions.hello'");

    expect(String(stdout.read())).toContain("Executing 'Functions.hello'");
  });
});
