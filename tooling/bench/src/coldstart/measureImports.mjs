import { runChild } from '../support/runChild.mjs';

/** @typedef {{ name: string; modules: string[] }} ImportVariant */
/** @typedef {{ importMs: number; sinceProcessStartMs: number }} ImportSample */

/** What an app loads: the library alone, then with the SDK, then with the timer (which brings the SDK along). */
export const importVariants = /** @type {const} */ ([
  { name: '@azure/functions alone', modules: ['@azure/functions'] },
  { name: '+ @azfx/extension-core', modules: ['@azure/functions', '@azfx/extension-core'] },
  { name: '+ @azfx/extension-timer (and core)', modules: ['@azure/functions', '@azfx/extension-timer'] },
]);

/**
 * Cold imports in fresh processes, ES modules and CommonJS, the variants interleaved run by run.
 * @param {{ runs: number }} settings
 * @returns {Promise<Record<'import' | 'require', Record<string, ImportSample[]>>>}
 */
export async function measureImports(settings) {
  /** @type {Record<'import' | 'require', Record<string, ImportSample[]>>} */
  const samples = { import: {}, require: {} };
  const modes = /** @type {const} */ (['import', 'require']);
  for (let run = 0; run < settings.runs; run++) {
    for (const mode of modes) {
      for (let offset = 0; offset < importVariants.length; offset++) {
        const variant = importVariants[(run + offset) % importVariants.length];
        if (variant === undefined) continue;
        const sample = /** @type {ImportSample} */ (
          await runChild(new URL('importProbe.mjs', import.meta.url), { args: [mode, ...variant.modules] })
        );
        (samples[mode][variant.name] ??= []).push(sample);
      }
    }
  }
  return samples;
}
