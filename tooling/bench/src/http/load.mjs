import autocannon from 'autocannon';
import { quantile } from '../support/stats.mjs';

/**
 * @typedef {object} LoadSample
 * @property {number} requestsPerSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} requests answered with 2xx
 * @property {number} failures errors, timeouts and non-2xx answers
 * @property {number} [serverCpuMicrosPerRequest] CPU time the server process spent per request (set by the caller)
 */

/**
 * Runs autocannon against one URL for a fixed time. Latencies are taken from its per-response event (fractional
 * milliseconds from the high-resolution clock) rather than from its histogram, which keeps whole milliseconds
 * only: too coarse when a local request takes one or two.
 * @param {string} url
 * @param {{ connections: number; durationSeconds: number }} settings
 * @returns {Promise<LoadSample>}
 */
export function runLoad(url, settings) {
  /** @type {number[]} */
  const latencies = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: settings.connections, duration: settings.durationSeconds, pipelining: 1 },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          requestsPerSecond: result['2xx'] / result.duration,
          p50Ms: quantile(latencies, 0.5),
          p99Ms: quantile(latencies, 0.99),
          requests: result['2xx'],
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
    });
  });
}
