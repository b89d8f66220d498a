import { describe, expectTypeOf, it } from 'vitest';
import { HostStartupError, startHost, type FunctionInfo, type Host, type InvokeAttempt, type InvokeResult, type LogRecord, type StartHostOptions } from './index.js';

describe('the public API types', () => {
  it('startHost takes options with a required appDir and resolves to a Host', () => {
    expectTypeOf(startHost).parameter(0).toEqualTypeOf<StartHostOptions>();
    expectTypeOf(startHost).returns.resolves.toEqualTypeOf<Host>();
    expectTypeOf<StartHostOptions['appDir']>().toEqualTypeOf<string>();
    // @ts-expect-error appDir is required
    void startHost({ port: 0 });
    // @ts-expect-error unknown options are refused
    void startHost({ appDir: '.', verbosity: 3 });
  });

  it('Host has url, functions, logs, fetch, invoke and close', () => {
    expectTypeOf<Host['url']>().toEqualTypeOf<string>();
    expectTypeOf<Host['functions']>().toEqualTypeOf<readonly FunctionInfo[]>();
    expectTypeOf<Host['logs']>().toEqualTypeOf<readonly LogRecord[]>();
    expectTypeOf<Host['fetch']>().returns.resolves.toEqualTypeOf<Response>();
    expectTypeOf<Host['invoke']>().returns.resolves.toEqualTypeOf<InvokeResult>();
    expectTypeOf<Host['close']>().returns.resolves.toBeVoid();
  });

  it('InvokeResult and LogRecord carry what tests read', () => {
    expectTypeOf<InvokeResult>().toHaveProperty('invocationId').toEqualTypeOf<string>();
    expectTypeOf<InvokeResult>().toHaveProperty('failed').toEqualTypeOf<boolean>();
    expectTypeOf<InvokeResult['logs']>().toEqualTypeOf<readonly LogRecord[]>();
    expectTypeOf<InvokeResult['attempts']>().toEqualTypeOf<readonly InvokeAttempt[]>();
    expectTypeOf<InvokeAttempt>().toHaveProperty('invocationId').toEqualTypeOf<string>();
    expectTypeOf<InvokeAttempt>().toHaveProperty('failed').toEqualTypeOf<boolean>();
    expectTypeOf<LogRecord['category']>().toEqualTypeOf<'user' | 'system' | 'customMetric'>();
    expectTypeOf<LogRecord['source']>().toEqualTypeOf<'worker' | 'host'>();
  });

  it('HostStartupError is an Error', () => {
    expectTypeOf<HostStartupError>().toExtend<Error>();
  });
});
