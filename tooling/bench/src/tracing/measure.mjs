import { runChild } from '../support/runChild.mjs';

/**
 * @typedef {object} TracingSettings
 * @property {number} rounds
 * @property {number} sampleMs about how long one sample runs (its invocation count is fixed after the warm-up)
 * @property {number} warmup invocations before each sample, after switching configurations
 */
/**
 * @typedef {object} TracingResult
 * @property {Record<string, { wallNs: number; cpuNs: number }[]>} samples
 * @property {Record<string, number>} invocationsPerSample
 * @property {string[]} checks
 * @property {TracingSettings} settings
 */

/**
 * Runs the tracing benchmark in a fresh process (./child.mjs).
 * @param {TracingSettings} settings
 * @returns {Promise<TracingResult>}
 */
export async function measureTracing(settings) {
  return /** @type {TracingResult} */ (
    await runChild(new URL('child.mjs', import.meta.url), {
      args: [JSON.stringify(settings)],
      execArgv: ['--expose-gc'],
      // Whatever the shell says, no extension is disabled and no OpenTelemetry exporter is configured.
      env: { AZFX_EXTENSIONS_DISABLED: undefined },
      timeoutMs: 600_000,
    })
  );
}
