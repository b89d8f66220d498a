import { runChild } from '../support/runChild.mjs';

/** @typedef {{ wallNs: number; cpuNs: number }} DispatchSample */
/**
 * @typedef {object} DispatchSettings
 * @property {number} rounds
 * @property {number} sampleMs about how long one sample runs (its invocation count is fixed after the warm-up)
 * @property {number} warmup invocations before each sample, after switching configurations
 */
/**
 * @typedef {object} DispatchResult
 * @property {Record<string, DispatchSample[]>} samples
 * @property {Record<string, number>} invocationsPerSample
 * @property {string[]} checks
 * @property {DispatchSettings} settings
 * @property {string} exampleTimerLog
 */

/**
 * Runs the dispatch benchmark in a fresh process (./child.mjs).
 * @param {DispatchSettings} settings
 * @returns {Promise<DispatchResult>}
 */
export async function measureDispatch(settings) {
  return /** @type {DispatchResult} */ (
    await runChild(new URL('child.mjs', import.meta.url), {
      args: [JSON.stringify(settings)],
      execArgv: ['--expose-gc'],
      // Whatever the shell says, no extension is disabled unless a setup says so.
      env: { AZFX_EXTENSIONS_DISABLED: undefined },
      timeoutMs: 600_000,
    })
  );
}
