import type { Stats } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import { watchRoots } from './watchRoots.js';

const configFiles = new Set(['package.json', 'host.json', 'local.settings.json']);

export interface AppWatcher {
  /** Resolves once the initial scan is done: changes from then on are seen. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChange` (debounced) when the app's built files or its configuration change: the top-level folders that
 * `main` reaches into, at any depth, and the configuration and script files directly in the app folder. node_modules
 * and dot folders are never watched. chokidar follows files that build tools replace by renaming, and folders that a
 * clean build deletes and creates again.
 */
export function watchAppFiles(
  appDir: string,
  mainPattern: string,
  onChange: (changed: string) => void,
  debounceMs = 200,
  /** azfx #14: host.json `watchDirectories` (relative to the app): changes there reload the app too. */
  watchDirectories: readonly string[] = [],
): AppWatcher {
  const roots = new Set([...watchRoots(mainPattern), ...watchDirectories.map((directory) => directory.replace(/^(\.\/)+/, '').split(/[\\/]/)[0] ?? '')]);
  roots.delete('');
  const ignored = (file: string, stats?: Stats): boolean => {
    const relative = path.relative(appDir, file);
    if (relative === '') {
      return false;
    }
    const parts = relative.split(path.sep);
    const [top = ''] = parts;
    if (parts.some((part) => part === 'node_modules' || part.startsWith('.'))) {
      return true;
    }
    if (roots.has(top)) {
      return false;
    }
    if (parts.length > 1 || stats?.isDirectory() === true) {
      return true;
    }
    return !(configFiles.has(top) || /\.(c|m)?js$/.test(top));
  };
  let timer: NodeJS.Timeout | undefined;
  let lastChanged = '';
  let closed = false;
  const watcher = watch(appDir, { ignored, ignoreInitial: true });
  watcher.on('all', (_event, file) => {
    if (closed) {
      return;
    }
    lastChanged = path.relative(appDir, file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      onChange(lastChanged);
    }, debounceMs);
  });
  // A folder that cannot be watched (permissions, too many watchers) must not stop the host.
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await ready;
      await watcher.close();
    },
  };
}
