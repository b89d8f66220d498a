#!/usr/bin/env node
// Serves a Verdaccio registry for the end-to-end publish test: `node verdaccio-server.mjs <config.yaml>`.
// It listens on 127.0.0.1 with a port the OS picks (no race for a "free" port) and prints
// `verdaccio listening on <port>` once it accepts connections. It stops on SIGTERM/SIGINT, and when its parent
// goes away (stdin closes), so a crashed test run cannot leave a registry behind.
import { setTimeout } from 'node:timers';
import { runServer } from 'verdaccio';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: verdaccio-server.mjs <config.yaml>');
  process.exit(2);
}

const server = await runServer(configPath);
server.listen(0, '127.0.0.1', () => {
  console.log(`verdaccio listening on ${server.address().port}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
