import { isLoopback } from './http/isLoopback.js';

/**
 * The warning for a host that listens beyond this machine, or `undefined` on loopback. Logged (on stderr) by
 * `startHost()` and by `azfx start`, with or without --watch.
 */
export function bindWarning(hostname: string): string | undefined {
  if (isLoopback(hostname)) {
    return undefined;
  }
  return (
    `WARNING: listening on ${hostname === '' ? 'every interface' : hostname}, not on this machine only. Every function ` +
    'is reachable from the network and auth levels are not enforced locally. Use --host 127.0.0.1 (the default) ' +
    'unless you need this.'
  );
}
