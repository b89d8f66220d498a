import { describe, expect, it } from 'vitest';
import type { LogRecord } from './LogRecord.js';
import { hostCategoryOf, passesLogLevels } from './logLevelFilter.js';

function record(fields: Partial<LogRecord>): LogRecord {
  return { level: 'information', category: 'user', message: 'm', source: 'worker', timestamp: new Date(0), ...fields };
}

describe('host.json logging.logLevel', () => {
  it('files records under the categories the host uses', () => {
    expect(hostCategoryOf(record({ functionName: 'hello' }))).toBe('Function.hello.User');
    expect(hostCategoryOf(record({ functionName: 'hello', source: 'host', category: 'system' }))).toBe('Function.hello');
    expect(hostCategoryOf(record({}))).toBe('Host.Function.Console');
    expect(hostCategoryOf(record({ source: 'host', category: 'system' }))).toBeUndefined();
  });

  it('applies the rule of the longest matching category prefix, else "default", case-insensitively', () => {
    const levels = { default: 'warning', function: 'information', 'Function.hello.User': 'error' };
    expect(passesLogLevels(levels, record({ functionName: 'other' }))).toBe(true);
    expect(passesLogLevels(levels, record({ functionName: 'other', level: 'debug' }))).toBe(false);
    expect(passesLogLevels(levels, record({ functionName: 'hello', level: 'warning' }))).toBe(false);
    expect(passesLogLevels(levels, record({ functionName: 'hello', level: 'error' }))).toBe(true);
    expect(passesLogLevels(levels, record({ level: 'information' }))).toBe(false);
    expect(passesLogLevels({ default: 'none' }, record({ level: 'critical' }))).toBe(false);
  });

  it('leaves the host\'s own lines and records no rule covers to the dev host\'s defaults', () => {
    expect(passesLogLevels({ default: 'none' }, record({ source: 'host', category: 'system', level: 'information' }))).toBe(true);
    expect(passesLogLevels({ 'Host.Results': 'error' }, record({ functionName: 'hello', level: 'debug' }))).toBe(true);
  });
});
