import { existsSync, watch } from 'node:fs';
import path from 'node:path';
import { watchRoots } from './watchRoots.js';
import { watchTree, type TreeWatcher } from './watchTree.js';

const configFiles = new Set(['package.json', 'host.json', 'local.settings.json']);

export interface AppWatcher {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when the app's built files or its configuration change: the top-level folders that
 * `main` reaches into, recursively, and the files directly in the app folder. A watched folder that is deleted and
 * built again (a clean build) is watched again when it reappears.
 */
export function watchAppFiles(appDir: string, mainPattern: string, onChange: (changed: string) => void, debounceMs = 200): AppWatcher {
  const roots = new Set(watchRoots(mainPattern));
  const rootWatchers = new Map<string, TreeWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let lastChanged = '';
  let closed = false;

  const changed = (relative: string): void => {
    if (closed || relative.split(/[\\/]/).includes('node_modules')) {
      return;
    }
    lastChanged = relative;
    clearTimeout(timer);
    timer = setTimeout(() => {
      onChange(lastChanged);
    }, debounceMs);
  };

  const watchRoot = (root: string): void => {
    if (rootWatchers.has(root)) {
      return;
    }
    const rootDir = path.join(appDir, root);
    if (!existsSync(rootDir)) {
      return; // not built yet: the app folder's watcher sees it appear
    }
    rootWatchers.set(
      root,
      watchTree(rootDir, (relative) => {
        changed(path.join(root, relative));
      }),
    );
  };

  const appWatcher = watch(appDir, (_event, filename) => {
    const name = filename ?? '';
    if (roots.has(name)) {
      rootWatchers.get(name)?.close();
      rootWatchers.delete(name);
      watchRoot(name);
      changed(name);
    } else if (configFiles.has(name) || /\.(c|m)?js$/.test(name)) {
      changed(name);
    }
  });
  appWatcher.on('error', () => undefined);
  for (const root of roots) {
    watchRoot(root);
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      appWatcher.close();
      for (const watcher of rootWatchers.values()) {
        watcher.close();
      }
      rootWatchers.clear();
    },
  };
}
