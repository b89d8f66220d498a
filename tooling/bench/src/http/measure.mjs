import { runLoad } from './load.mjs';
import { checkServer, REQUEST_PATH, startServer, variants } from './servers.mjs';

/** @typedef {import('./load.mjs').LoadSample} LoadSample */
/** @typedef {{ rounds: number; durationSeconds: number; warmupSeconds: number; connections: number }} HttpSettings */

/**
 * HTTP throughput and latency of every variant, each server in its own process and autocannon in this one. All
 * servers stay up for the whole section; each round loads every one of them in turn (a different one first each
 * round), so slow drift of the machine hits all variants alike and ratios come from the same round.
 * @param {HttpSettings} settings
 * @param {(line: string) => void} progress
 * @returns {Promise<{ settings: HttpSettings; checks: string[]; samples: Record<string, LoadSample[]> }>}
 */
export async function measureHttp(settings, progress) {
  /** @type {import('./servers.mjs').RunningServer[]} */
  const servers = [];
  try {
    for (const variant of variants) servers.push(await startServer(variant.spec));
    /** @type {string[]} */
    const checks = [];
    for (const [index, variant] of variants.entries()) {
      const server = servers[index];
      if (server !== undefined) checks.push(await checkServer(server, variant));
    }

    /**
     * A load run, with the CPU time the server spent on it: on a shared machine throughput also depends on what
     * else runs, while CPU time per request is the server's own cost.
     * @param {number} index
     * @param {number} durationSeconds
     * @returns {Promise<LoadSample>}
     */
    const load = async (index, durationSeconds) => {
      const server = servers[index];
      if (server === undefined) throw new Error(`No server number ${index}.`);
      const cpuBefore = await server.cpuMicros();
      const sample = await runLoad(`${server.url}${REQUEST_PATH}`, { connections: settings.connections, durationSeconds });
      const cpuMicros = (await server.cpuMicros()) - cpuBefore;
      return { ...sample, serverCpuMicrosPerRequest: sample.requests === 0 ? Number.NaN : cpuMicros / sample.requests };
    };

    progress(`warming up ${variants.length} servers (${settings.warmupSeconds} s each)`);
    for (const index of variants.keys()) await load(index, settings.warmupSeconds);

    /** @type {Record<string, LoadSample[]>} */
    const samples = Object.fromEntries(variants.map((variant) => [variant.name, []]));
    for (let round = 0; round < settings.rounds; round++) {
      progress(`round ${round + 1} of ${settings.rounds}`);
      for (let offset = 0; offset < variants.length; offset++) {
        const index = (round + offset) % variants.length;
        const variant = variants[index];
        if (variant === undefined) continue;
        const sample = await load(index, settings.durationSeconds);
        if (sample.failures > 0) throw new Error(`${variant.name}: ${sample.failures} failed request(s) under load.`);
        samples[variant.name]?.push(sample);
      }
    }
    return { settings, checks, samples };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}
