import { median, pairedRatio } from '../support/stats.mjs';

/** @typedef {import('../dispatch/measure.mjs').DispatchResult} DispatchResult */
/**
 * @typedef {Record<import('../coldstart/measureImports.mjs').LoadMode, import('../coldstart/measureImports.mjs').ImportSample[]>} ImportSamples
 */
/** @typedef {{ max: number; recorded: number | string; means: string }} Budget */
/** @typedef {{ name: string; value: number; max: number; ok: boolean }} Verdict */

/**
 * The guarded ratios of one run, by budget name. Each is unit-free and measured side by side, so a slower or
 * busier machine moves both sides of it alike.
 * @param {{ dispatch?: DispatchResult | undefined; imports?: ImportSamples | undefined }} run
 * @returns {Record<string, number>}
 */
export function guardedRatios(run) {
  /** @type {Record<string, number>} */
  const ratios = {};
  const { dispatch, imports } = run;
  if (dispatch !== undefined) {
    /** @param {string} name */
    const cpu = (name) => {
      const samples = dispatch.samples[name];
      if (samples === undefined) throw new Error(`The dispatch run has no samples for "${name}".`);
      return samples.map((sample) => sample.cpuNs);
    };
    const none = cpu('native 0').map((value, round) => (value + (cpu('sdk 0')[round] ?? value)) / 2);
    /** @param {string} name */
    const added = (name) => cpu(name).map((value, round) => value - (none[round] ?? Number.NaN));
    ratios['dispatch.oneExtensionVsOneNativePair'] = pairedRatio(added('sdk 1'), added('native 1'));
    ratios['dispatch.fiveExtensionsVsFiveNativePairs'] = pairedRatio(added('sdk 5'), added('native 5'));
    ratios['dispatch.tenExtensionsVsTenNativePairs'] = pairedRatio(added('sdk 10'), added('native 10'));
    ratios['dispatch.timerVsOneNativePair'] = pairedRatio(added('timer'), added('native 1'));
  }
  if (imports !== undefined) {
    for (const mode of /** @type {const} */ (['require', 'import'])) {
      const samples = imports[mode];
      const extensions = samples.map((sample) => (sample.stepMs['@azfx/extension-core'] ?? 0) + (sample.stepMs['@azfx/extension-timer'] ?? 0));
      const library = samples.map((sample) => sample.stepMs['@azure/functions'] ?? Number.NaN);
      ratios[`imports.${mode}VsLibrary`] = median(extensions.map((value, run) => value / (library[run] ?? Number.NaN)));
    }
  }
  return ratios;
}

/**
 * Each measured ratio against its budget. A budget with no measurement fails: a guard that silently stopped
 * measuring something would pass for ever.
 * @param {Record<string, number>} ratios
 * @param {Record<string, Budget>} budgets
 * @returns {Verdict[]}
 */
export function judge(ratios, budgets) {
  return Object.entries(budgets).map(([name, budget]) => {
    const value = ratios[name];
    return { name, value: value ?? Number.NaN, max: budget.max, ok: value !== undefined && Number.isFinite(value) && value <= budget.max };
  });
}

/**
 * The lowest value each ratio reached over several attempts. A noisy neighbour on a shared machine inflates one
 * attempt's ratio now and then; a real regression (a lost fast path, a second native hook) inflates every attempt,
 * so the guard re-measures a ratio that is over budget and judges its best attempt.
 * @param {Record<string, number>[]} attempts
 * @returns {Record<string, number>}
 */
export function bestOf(attempts) {
  /** @type {Record<string, number>} */
  const best = {};
  for (const ratios of attempts) {
    for (const [name, value] of Object.entries(ratios)) {
      if (!Number.isFinite(value)) continue;
      const current = best[name];
      best[name] = current === undefined ? value : Math.min(current, value);
    }
  }
  return best;
}
