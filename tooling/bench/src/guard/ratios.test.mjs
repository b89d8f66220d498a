import { describe, expect, it } from 'vitest';
import { bestOf, guardedRatios, judge } from './ratios.mjs';

/** @param {Record<string, number[]>} cpuByName */
function dispatchRun(cpuByName) {
  return {
    samples: Object.fromEntries(Object.entries(cpuByName).map(([name, values]) => [name, values.map((cpuNs) => ({ cpuNs, wallNs: cpuNs }))])),
    invocationsPerSample: {},
    checks: [],
    settings: { rounds: 2, sampleMs: 1, warmup: 1 },
    exampleTimerLog: '',
  };
}

describe('the regression guard', () => {
  const run = dispatchRun({
    'native 0': [1000, 1100],
    'sdk 0': [1000, 1100],
    'native 1': [7000, 7100],
    'sdk 1': [2000, 2100],
    'native 5': [31000, 31100],
    'sdk 5': [4000, 4100],
    'native 10': [61000, 61100],
    'sdk 10': [7000, 7100],
    timer: [4000, 4100],
  });

  it('compares what each side adds to an invocation without hooks, round by round', () => {
    const ratios = guardedRatios({ dispatch: run });
    expect(ratios['dispatch.oneExtensionVsOneNativePair']).toBeCloseTo(1000 / 6000);
    expect(ratios['dispatch.fiveExtensionsVsFiveNativePairs']).toBeCloseTo(3000 / 30000);
    expect(ratios['dispatch.tenExtensionsVsTenNativePairs']).toBeCloseTo(6000 / 60000);
    expect(ratios['dispatch.timerVsOneNativePair']).toBeCloseTo(3000 / 6000);
  });

  it('compares cold imports with the library loaded the same way', () => {
    const sample = (/** @type {number} */ library, /** @type {number} */ core, /** @type {number} */ timer) => ({
      stepMs: { '@azure/functions': library, '@azfx/extension-core': core, '@azfx/extension-timer': timer },
      sinceProcessStartMs: 0,
    });
    const ratios = guardedRatios({ imports: { require: [sample(10, 2, 1)], import: [sample(40, 4, 2)] } });
    expect(ratios).toEqual({ 'imports.requireVsLibrary': 0.3, 'imports.importVsLibrary': 0.15 });
  });

  it('fails a ratio over its budget, and a budget nothing measured', () => {
    const verdicts = judge({ a: 0.4, b: 0.6 }, {
      a: { max: 0.5, recorded: 0.2, means: '' },
      b: { max: 0.5, recorded: 0.2, means: '' },
      c: { max: 0.5, recorded: 0.2, means: '' },
    });
    expect(verdicts.map((verdict) => verdict.ok)).toEqual([true, false, false]);
  });

  it('judges each ratio by its best attempt, so one noisy attempt passes and a regression in every attempt fails', () => {
    const budgets = { a: { max: 0.6, recorded: 0.2, means: 'a' }, b: { max: 0.6, recorded: 0.2, means: 'b' } };
    const noisy = bestOf([{ a: 0.9, b: 0.2 }, { a: 0.3, b: 0.4 }]);
    expect(noisy).toEqual({ a: 0.3, b: 0.2 });
    expect(judge(noisy, budgets).every((verdict) => verdict.ok)).toBe(true);
    const regressed = bestOf([{ a: 1.1, b: 0.2 }, { a: 0.95, b: 0.2 }, { a: Number.NaN, b: 0.2 }]);
    expect(judge(regressed, budgets).find((verdict) => verdict.name === 'a')).toMatchObject({ value: 0.95, ok: false });
  });
});
