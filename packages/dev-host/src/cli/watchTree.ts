import { readdirSync, statSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface TreeWatcher {
  close(): void;
}

/**
 * Watches a folder and every folder below it (node_modules and dot folders excepted) with one plain watcher per
 * folder. Node 20's `recursive: true` on Linux loses track of a file that is replaced by a rename (what many
 * build tools and editors do), so it would miss the second rebuild; a folder watcher sees every rename in it.
 */
export function watchTree(root: string, onEvent: (relativePath: string) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const add = (dir: string): void => {
    if (closed || watchers.has(dir)) {
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, filename) => {
        const full = filename === null ? dir : path.join(dir, filename);
        if (filename !== null && isWatchableDirectory(full)) {
          add(full);
        }
        onEvent(path.relative(root, full));
      });
    } catch {
      return;
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    for (const entry of safeReaddir(dir)) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        add(path.join(dir, entry.name));
      }
    }
  };

  add(root);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) {
        watcher.close();
      }
      watchers.clear();
    },
  };
}

function isWatchableDirectory(full: string): boolean {
  const name = path.basename(full);
  if (name === 'node_modules' || name.startsWith('.')) {
    return false;
  }
  try {
    return statSync(full).isDirectory();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
