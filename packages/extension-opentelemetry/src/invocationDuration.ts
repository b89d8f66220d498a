import { metrics, ValueType, type Attributes, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { FAAS_INVOKE_DURATION_BUCKETS, METRIC_FAAS_INVOKE_DURATION } from './semanticConventions.js';

/** The instrumentation scope of everything this package records. */
export const INSTRUMENTATION_SCOPE = '@azfx/extension-opentelemetry';

/**
 * The `faas.invoke_duration` histogram of the meter provider registered now. The metrics API has no proxy provider
 * (unlike tracing): a meter taken before the app registers its SDK stays a no-op for good. So the histogram is made
 * from the provider of the moment and made again when the app registers another one.
 */
export class InvocationDuration {
  private provider: MeterProvider | undefined;
  private histogram: Histogram | undefined;

  record(seconds: number, attributes: Attributes): void {
    this.current().record(seconds, attributes);
  }

  private current(): Histogram {
    const provider = metrics.getMeterProvider();
    if (this.histogram === undefined || provider !== this.provider) {
      this.provider = provider;
      this.histogram = provider.getMeter(INSTRUMENTATION_SCOPE).createHistogram(METRIC_FAAS_INVOKE_DURATION, {
        description: "Measures the duration of the function's logic execution",
        unit: 's',
        valueType: ValueType.DOUBLE,
        advice: { explicitBucketBoundaries: FAAS_INVOKE_DURATION_BUCKETS },
      });
    }
    return this.histogram;
  }
}
