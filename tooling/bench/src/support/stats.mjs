/**
 * Summaries of repeated measurements. Medians, not means: one sample hit by a GC pause or a scheduler hiccup on a
 * shared 2-core machine must not move the answer.
 */

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * Linear interpolation between the closest ranks (the same rule as numpy's default).
 * @param {readonly number[]} values
 * @param {number} q between 0 and 1
 * @returns {number}
 */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

/**
 * The spread of a set of samples, relative to their median: half the distance between the quartiles. Printed next
 * to each median so that a reader sees which differences are within the noise.
 * @param {readonly number[]} values
 * @returns {number}
 */
export function relativeSpread(values) {
  const middle = median(values);
  if (!Number.isFinite(middle) || middle === 0) return Number.NaN;
  return (quantile(values, 0.75) - quantile(values, 0.25)) / 2 / Math.abs(middle);
}

/**
 * Ratios of samples taken side by side (the same round), then their median: drift between rounds cancels out.
 * @param {readonly number[]} numerators
 * @param {readonly number[]} denominators
 * @returns {number}
 */
export function pairedRatio(numerators, denominators) {
  const ratios = [];
  for (let index = 0; index < Math.min(numerators.length, denominators.length); index++) {
    const numerator = numerators[index];
    const denominator = denominators[index];
    if (numerator !== undefined && denominator !== undefined && denominator !== 0) ratios.push(numerator / denominator);
  }
  return median(ratios);
}

/**
 * Differences of samples taken side by side, then their median.
 * @param {readonly number[]} minuends
 * @param {readonly number[]} subtrahends
 * @returns {number[]}
 */
export function pairedDifferences(minuends, subtrahends) {
  const differences = [];
  for (let index = 0; index < Math.min(minuends.length, subtrahends.length); index++) {
    const minuend = minuends[index];
    const subtrahend = subtrahends[index];
    if (minuend !== undefined && subtrahend !== undefined) differences.push(minuend - subtrahend);
  }
  return differences;
}
