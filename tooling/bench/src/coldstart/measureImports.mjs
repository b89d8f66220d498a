import { runChild } from '../support/runChild.mjs';

/** @typedef {{ stepMs: Record<string, number>; sinceProcessStartMs: number }} ImportSample */
/** @typedef {'import' | 'require'} LoadMode */

/**
 * Cold loads of the import chain in fresh processes, as ES modules and as CommonJS, alternating run by run.
 * @param {{ runs: number }} settings
 * @returns {Promise<Record<LoadMode, ImportSample[]>>}
 */
export async function measureImports(settings) {
  /** @type {Record<LoadMode, ImportSample[]>} */
  const samples = { import: [], require: [] };
  for (let run = 0; run < settings.runs; run++) {
    for (const mode of /** @type {const} */ (['import', 'require'])) {
      samples[mode].push(
        /** @type {ImportSample} */ (await runChild(new URL('importProbe.mjs', import.meta.url), { args: [mode] })),
      );
    }
  }
  return samples;
}
