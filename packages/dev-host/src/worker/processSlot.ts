import { HostStartupError } from '../app/HostStartupError.js';

// One app at a time per process: the app's copy of `@azure/functions` keeps one core API and one programming model,
// and `@azure/functions-core` is served process-wide. The slot is a global so that every copy of the dev host in
// the process (its source and its build, say) shares it.
const slotKey = Symbol.for('azfx.dev-host.running-app');

type SlotHolder = typeof globalThis & { [slotKey]?: string | undefined };

export function claimProcessSlot(appDir: string): () => void {
  const holder = globalThis as SlotHolder;
  const running = holder[slotKey];
  if (running !== undefined) {
    throw new HostStartupError(
      `A dev host is already running ${running} in this process. Close it first (await host.close()); one process runs one app at a time.`,
    );
  }
  holder[slotKey] = appDir;
  return () => {
    if (holder[slotKey] === appDir) {
      holder[slotKey] = undefined;
    }
  };
}
