import type { Elapsed } from './elapsed.js';
import { formatSeconds } from './elapsed.js';

/** The text the Python worker extension sample appends to HTTP responses, in its exact wording. */
export function elapsedSuffix(elapsed: Elapsed): string {
  return ` (TimeElapsed: ${formatSeconds(elapsed)} sec)`;
}
