import { describe, expectTypeOf, it } from 'vitest';
import { TimerExtension, type TimerOptions } from './index.js';

describe('TimerExtension types', () => {
  it('accepts the seed configuration and every documented option', () => {
    expectTypeOf(TimerExtension).toHaveProperty('configure').toBeCallableWith({ appendToHttpResponse: true });
    expectTypeOf(TimerExtension).toHaveProperty('configure').toBeCallableWith();
    expectTypeOf(TimerExtension).toHaveProperty('configure').toBeCallableWith({
      serverTiming: false,
      serverTimingName: 'app',
      include: 'HttpTrigger',
      exclude: ['Heartbeat'],
      slowThresholdMs: 500,
      logLevel: 'debug',
    });
  });

  it('rejects wrong option types at compile time', () => {
    // @ts-expect-error appendToHttpResponse is a boolean
    TimerExtension.configure({ appendToHttpResponse: 'yes' });
    // @ts-expect-error logLevel is one of the documented levels
    TimerExtension.configure({ logLevel: 'verbose' });
    // @ts-expect-error a misspelt option is not an option
    TimerExtension.configure({ appendToHttpRespons: true });
  });

  it('resolves options with defaults to their type and the others to T | undefined', () => {
    expectTypeOf<TimerOptions['appendToHttpResponse']>().toEqualTypeOf<boolean>();
    expectTypeOf<TimerOptions['serverTimingName']>().toEqualTypeOf<string>();
    expectTypeOf<TimerOptions['slowThresholdMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TimerOptions['include']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<TimerOptions['logLevel']>().toEqualTypeOf<'info' | 'debug' | 'trace' | 'none'>();
  });
});
