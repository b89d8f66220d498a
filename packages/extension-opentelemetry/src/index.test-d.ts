import type { Span } from '@opentelemetry/api';
import { describe, expectTypeOf, it } from 'vitest';
import { OpenTelemetryExtension, type OpenTelemetryOptions, type TracedInvocation, type TracedOutcome } from './index.js';

describe('OpenTelemetryExtension types', () => {
  it('accepts no options and every documented option, with the hooks’ parameters inferred', () => {
    expectTypeOf(OpenTelemetryExtension).toHaveProperty('configure').toBeCallableWith();
    OpenTelemetryExtension.configure({
      include: 'HttpTrigger',
      exclude: ['Heartbeat'],
      spanName: (invocation) => (invocation.http ? `${invocation.http.method} ${invocation.http.route}` : invocation.functionName),
      onStart: (span, invocation) => {
        expectTypeOf(span).toEqualTypeOf<Span>();
        expectTypeOf(invocation).toEqualTypeOf<TracedInvocation>();
      },
      onEnd: (span, outcome) => {
        expectTypeOf(outcome).toEqualTypeOf<TracedOutcome>();
        expectTypeOf(outcome.statusCode).toEqualTypeOf<number | undefined>();
        span.setAttribute('app.failed', outcome.failed);
      },
      requestHeaders: ['x-request-id'],
      responseHeaders: ['content-type'],
      routePrefix: '',
      metrics: true,
    });
  });

  it('rejects wrong option types at compile time', () => {
    // @ts-expect-error metrics is a boolean
    OpenTelemetryExtension.configure({ metrics: 'yes' });
    // @ts-expect-error spanName returns a string
    OpenTelemetryExtension.configure({ spanName: () => 42 });
    // @ts-expect-error a misspelt option is not an option
    OpenTelemetryExtension.configure({ requestHeader: ['x-a'] });
  });

  it('resolves options with defaults to their type and the others to T | undefined', () => {
    expectTypeOf<OpenTelemetryOptions['metrics']>().toEqualTypeOf<boolean>();
    expectTypeOf<OpenTelemetryOptions['routePrefix']>().toEqualTypeOf<string>();
    expectTypeOf<OpenTelemetryOptions['requestHeaders']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<OpenTelemetryOptions['include']>().toEqualTypeOf<string[] | undefined>();
  });
});
