/**
 * A folder tree → change notifications, robust to editors that save by renaming a temp file.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';

/** A running watcher. */
export interface TreeWatcher {
  close(): void;
}

/**
 * Watch every folder below `root` (one non-recursive watcher each: Node's recursive watcher on
 * Linux loses a file once an editor replaces it by rename). New folders are watched as they
 * appear.
 *
 * @param root Folder to watch.
 * @param ignore Tells whether a path relative to `root` is of no interest.
 * @param onChange Told the absolute path of every change.
 * @returns The watcher.
 */
export function watchTree(
  root: string,
  ignore: (path: string) => boolean,
  onChange: (path: string) => void,
): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => {
        if (!name) return;
        const path = join(dir, name);
        if (ignore(relative(root, path))) return;
        onChange(path);
        if (event === 'rename' && isFolder(path)) add(path);
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
      const path = join(dir, entry);
      if (!ignore(relative(root, path)) && isFolder(path)) add(path);
    }
  };
  add(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
