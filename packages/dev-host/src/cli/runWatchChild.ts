import { startAppHost } from '../host/startHost.js';
import type { Host } from '../host/publicTypes.js';
import type { AppProcessMessage } from './AppProcess.js';
import type { StartCommand } from './parseCliArgs.js';
import { closeOnSignals, hostOptions, printStartupError, reportUncaughtErrors } from './runStart.js';

function tell(message: AppProcessMessage): void {
  process.send?.(message);
}

/** The app process of `azfx start --watch`: serves the app on a private port and tells the parent which. */
export async function runWatchChild(start: StartCommand, publicUrl: string): Promise<number | undefined> {
  reportUncaughtErrors();
  let host: Host;
  try {
    host = await startAppHost({ ...hostOptions(start), port: 0, hostname: '127.0.0.1', publicUrl });
  } catch (error: unknown) {
    printStartupError(error);
    process.stderr.write('Waiting for a change to reload.\n');
    tell({ type: 'failed' });
    return 1;
  }
  tell({ type: 'ready', port: Number(new URL(host.url).port) });
  closeOnSignals(host);
  // The parent went away without a signal: stop as if it had sent one.
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
  });
  return undefined;
}
