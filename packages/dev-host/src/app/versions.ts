import packageJson from '../../package.json' with { type: 'json' };

/** Reported as the core API's `version` (the worker's own version in Azure). */
export const devHostVersion: string = packageJson.version;

/**
 * Reported as `hostVersion`: a host recent enough for every feature the dev host emulates (HTTP streaming needs
 * 4.28+, log hooks 4.34+), so libraries that gate features on it enable them.
 */
export const emulatedHostVersion = '4.1040.0';

/** This package's own name: `--watch` never rebuilds the dev host that runs it. */
export const devHostPackageName: string = packageJson.name;
