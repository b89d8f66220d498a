import { fileURLToPath } from 'node:url';
import { startHost, type Host, type LogRecord } from '@azfx/dev-host';

/** This app's folder: the tests run the built app (dist/) exactly as `pnpm dev` and Azure do. */
export const appDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the app on the dev host. Its OpenTelemetry SDK is off unless a test turns it on (`OTEL_TRACES_EXPORTER`):
 * the span lines `pnpm dev` prints would otherwise fill the test output.
 */
export function startSample(options: { appDir?: string; env?: Record<string, string> } = {}): Promise<Host> {
  return startHost({ appDir: options.appDir ?? appDir, env: { OTEL_TRACES_EXPORTER: 'none', ...options.env } });
}

/** The seed's answer with the timer's suffix; the captured group is the elapsed seconds. */
export const seedAnswer =
  /^Hello, Azure\. This HTTP triggered function executed successfully\. \(TimeElapsed: (\d+\.\d{6}) sec\)$/;

/** The timer's Server-Timing metric; the captured group is the elapsed milliseconds. */
export const serverTiming = /^total;dur=(\d+\.\d{3})$/;

/** The user log lines the timer wrote for one invocation. */
export function timerLines(logs: readonly LogRecord[], invocationId?: string): LogRecord[] {
  return logs.filter(
    (record) =>
      record.category === 'user' &&
      record.message.startsWith('[timer]') &&
      (invocationId === undefined || record.invocationId === invocationId),
  );
}

/** Waits until `check` holds (for work the host runs in the background), failing after a generous bound. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
