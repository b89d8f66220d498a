// One server under test, in its own process (started by ./measure.mjs): autocannon runs in the parent, so the two
// never share a thread. Reports { url } once listening; answers 'cpu' with the CPU time it has used so far (user +
// system, microseconds); closes and exits on 'close'.
import { once } from 'node:events';
import { startHost } from '@azfx/dev-host';
import { createLibraryServer } from './libraryServer.mjs';
import { createPlainServer } from './plainServer.mjs';

/** @typedef {{ kind: 'plain' } | { kind: 'library' } | { kind: 'dev-host'; appDir: string; env: Record<string, string> }} ServerSpec */

const spec = /** @type {ServerSpec} */ (JSON.parse(process.argv[2] ?? '{"kind":"plain"}'));

/** @type {() => Promise<void>} */
let close;
/** @type {string} */
let url;
if (spec.kind === 'plain' || spec.kind === 'library') {
  const server = spec.kind === 'plain' ? createPlainServer() : createLibraryServer();
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address.');
  url = `http://127.0.0.1:${address.port}`;
  close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
} else {
  const host = await startHost({ appDir: spec.appDir, port: 0, env: spec.env, quiet: true });
  url = host.url;
  close = () => host.close();
}

process.on('message', (message) => {
  if (message === 'cpu') {
    const usage = process.cpuUsage();
    process.send?.({ cpuMicros: usage.user + usage.system });
  } else if (message === 'close') {
    void close().then(() => {
      process.disconnect();
    });
  }
});
process.send?.({ url });
