import { Agent, createServer } from 'node:http';
import path from 'node:path';
import { isAdminCallAllowed } from '../http/adminAccess.js';
import { targetsAdminApi } from '../http/adminTarget.js';
import { protocolViolation } from '../http/protocolViolation.js';
import { sendStatus } from '../http/sendResponse.js';
import { bindWarning } from '../host/bindWarning.js';
import { HostStartupError } from '../host/HostStartupError.js';
import { listen, urlHost } from '../host/listen.js';
import { readAppConfig } from '../loader/readAppConfig.js';
import { AppProcess } from './AppProcess.js';
import { forwardRequest } from './forwardRequest.js';
import { watchChildCommand, type StartCommand } from './parseCliArgs.js';
import { defaultCliPort, printStartupError } from './runStart.js';
import { watchAppFiles } from './watchAppFiles.js';

/**
 * `azfx start --watch`: this process owns the port and forwards every request to the app, which runs in a child
 * process that is replaced (gracefully: appTerminate hooks run) when the built files change. Requests that arrive
 * during a restart wait for the new app.
 */
export async function runWatch(command: StartCommand): Promise<number | undefined> {
  const appDir = path.resolve(command.appDir);
  let main: string;
  let bound: { port: number; address: string };
  const server = createServer({ headersTimeout: 60_000, requestTimeout: 300_000, connectionsCheckingInterval: 1_000 });
  try {
    const config = await readAppConfig(appDir);
    main = config.main;
    bound = await listen(server, command.port ?? config.localHttpPort ?? defaultCliPort, command.hostname);
  } catch (error: unknown) {
    printStartupError(error instanceof HostStartupError ? error : new HostStartupError(String(error)));
    return 1;
  }
  const publicUrl = `http://${urlHost(bound.address, true)}:${bound.port}`;
  const warning = bindWarning(command.hostname);
  if (warning !== undefined) {
    process.stderr.write(`[${new Date().toISOString()}] ${warning}\n`);
  }
  server.on('error', (error) => {
    process.stderr.write(`HTTP server error: ${error.message}\n`);
  });
  const args = [watchChildCommand, appDir, '--public-url', publicUrl];
  if (command.verbose) {
    args.push('--verbose');
  }
  if (command.maxBodyBytes !== undefined) {
    args.push('--max-body-size', String(command.maxBodyBytes));
  }
  const env = { ...process.env, ...(command.adminKey === undefined ? {} : { AZFX_ADMIN_KEY: command.adminKey }) };
  const entry = process.argv[1] ?? '';
  const app = new AppProcess(entry, args, env);
  const agent = new Agent({ keepAlive: true });

  server.on('request', (req, res) => {
    // Checked here: the request the app process gets is this process's own (HTTP/1.1, one Host header).
    const violation = protocolViolation(req);
    if (violation !== undefined) {
      req.resume();
      sendStatus(res, violation, undefined, { connection: 'close' });
      return;
    }
    if (targetsAdminApi(req) && !isAdminCallAllowed(req, command.adminKey)) {
      // The app process would see this process as the caller, so the caller is checked here.
      sendStatus(res, 401, 'Admin endpoints answer callers on this machine only, unless the host has an admin key (--admin-key) and the request sends it in x-functions-key.');
      return;
    }
    void app.port().then(async (appPort) => {
      if (appPort === undefined) {
        req.resume();
        sendStatus(res, 503, 'The app is not running: it failed to start (see the terminal). Fix it and save; azfx reloads it.');
        return;
      }
      await forwardRequest(req, res, appPort, agent);
    });
  });

  process.stdout.write(`azfx dev host (watch mode) on ${publicUrl}, serving ${appDir}. Press Ctrl+C to stop.\n`);
  app.start();
  let stopping = false;
  let watchedMain = main;
  const onChange = (changed: string): void => {
    process.stdout.write(`[${new Date().toISOString()}] ${changed} changed: reloading the app.\n`);
    void app.restart();
    if (changed === 'package.json') {
      // A new "main" may reach into other folders: watch what it matches now.
      void readAppConfig(appDir).then(
        (config) => {
          if (config.main !== watchedMain && !stopping) {
            watchedMain = config.main;
            watcher.close();
            watcher = watchAppFiles(appDir, watchedMain, onChange);
          }
        },
        () => undefined, // the app process reports what is wrong with package.json
      );
    }
  };
  let watcher = watchAppFiles(appDir, main, onChange);

  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    watcher.close();
    server.close();
    server.closeIdleConnections();
    void app.stop().then(() => {
      agent.destroy();
      server.closeAllConnections();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}
