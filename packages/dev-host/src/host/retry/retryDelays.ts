import type { RetryPolicy } from './retryPolicy.js';

/** A source of numbers in [0, 1): Math.random, or a fixed sequence in tests. */
export type Random = () => number;

// The exponential strategy adds up to 20% either way to each increment, so that many failing instances do not
// retry in step.
const randomization = 0.2;

/**
 * The delays of one failed run's retries, in order, as the host computes them: one call per retry.
 *
 * fixedDelay: always `delayInterval`. exponentialBackoff: the first retry waits `minimumInterval`; each later one
 * waits `minimumInterval` plus a randomized increment that doubles every time (about 2x, 3x, 5x, 9x the minimum),
 * until it would reach `maximumInterval`, which every retry after that waits.
 */
export function retryDelays(policy: RetryPolicy, random: Random = Math.random): () => number {
  if (policy.strategy === 'fixedDelay') {
    return () => policy.delayIntervalMs;
  }
  const { minimumIntervalMs: minimum, maximumIntervalMs: maximum } = policy;
  let current = 0;
  let exponent = 0;
  let reachedMaximum = false;
  return () => {
    if (reachedMaximum) {
      return maximum;
    }
    let next = minimum;
    if (exponent > 0) {
      const factor = 1 - randomization + random() * 2 * randomization;
      next += factor * 2 ** (exponent - 1) * minimum;
    }
    if (next < maximum) {
      current = next;
      exponent += 1;
    } else {
      current = maximum;
      reachedMaximum = true;
    }
    return current;
  };
}
