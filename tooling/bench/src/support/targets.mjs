/**
 * One of the targets, judged on this run's numbers.
 * @typedef {object} TargetResult
 * @property {string} target what was promised, e.g. "timer adds < 2 µs per invocation in-process"
 * @property {string} measured what this run measured, in the target's unit
 * @property {boolean} met
 * @property {string} [miss] by how much it was missed
 */

/**
 * @param {string} target
 * @param {number} value
 * @param {number} limit
 * @param {(value: number) => string} show
 * @param {{ inclusive?: boolean }} [options] whether `value === limit` meets the target (`<=` rather than `<`)
 * @returns {TargetResult}
 */
export function atMost(target, value, limit, show, options = {}) {
  const met = options.inclusive ? value <= limit : value < limit;
  return met
    ? { target, measured: show(value), met }
    : { target, measured: show(value), met, miss: `${show(value - limit)} over (${((value / limit - 1) * 100).toFixed(0)}% above the limit)` };
}
