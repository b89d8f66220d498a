import { runChild } from '../support/runChild.mjs';

/** @typedef {{ wallNs: number; cpuNs: number }} DispatchSample */
/** @typedef {{ rounds: number; invocations: number; warmup: number }} DispatchSettings */
/** @typedef {{ samples: Record<string, DispatchSample[]>; checks: string[]; settings: DispatchSettings; exampleTimerLog: string }} DispatchResult */

/**
 * Runs the dispatch benchmark in a fresh process (./child.mjs) with a collectable heap.
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
