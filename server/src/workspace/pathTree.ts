import type { FileType } from './fs';

/**
 * The files and folders the index has seen under its roots (YAML or not), by
 * folder: answers "does this path exist" without touching the disk, and
 * removes a deleted folder's entries in time proportional to what it held.
 * Keys are normalised URIs without a trailing slash; names are URI-encoded
 * segments.
 */
export class PathTree {
  private readonly dirs = new Map<string, Map<string, FileType>>();

  /** Records a folder's entries as read from disk (replacing what was known of it). */
  setFolder(dir: string, entries: Iterable<[string, FileType]>): void {
    const map = new Map<string, FileType>();
    for (const [name, type] of entries) map.set(name, type);
    this.dirs.set(dir, map);
  }

  /** Whether the folder's entries are known. */
  knows(dir: string): boolean {
    return this.dirs.has(dir);
  }

  /** Adds a path (its parent folder must be known, else nothing happens). */
  add(uri: string, type: FileType): boolean {
    const [dir, name] = split(uri);
    const entries = this.dirs.get(dir);
    if (!entries) return false;
    const was = entries.get(name);
    entries.set(name, type);
    if (was === 'directory' && type === 'file') this.dropFolder(uri, () => undefined);
    if (type === 'directory' && !this.dirs.has(uri)) this.dirs.set(uri, new Map());
    return true;
  }

  /** Removes a path and, for a folder, everything under it; calls `removed` with every file URI removed. */
  remove(uri: string, removed: (file: string) => void): void {
    const [dir, name] = split(uri);
    const entries = this.dirs.get(dir);
    const type = entries?.get(name);
    entries?.delete(name);
    if (type === 'file') removed(uri);
    // Also when the entry was unknown: a folder known under this path goes too.
    this.dropFolder(uri, removed);
  }

  private dropFolder(dir: string, removed: (file: string) => void): void {
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop()!;
      const entries = this.dirs.get(d);
      if (!entries) continue;
      this.dirs.delete(d);
      for (const [name, type] of entries) {
        const child = `${d}/${name}`;
        if (type === 'directory') stack.push(child);
        else removed(child);
      }
    }
  }

  /**
   * What is known of a path: 'file', 'directory', 'missing' (its nearest
   * known ancestor folder does not list the next segment), or undefined
   * (nothing known about any of its folders).
   */
  stat(uri: string): FileType | 'missing' | undefined {
    if (this.dirs.has(uri)) return 'directory';
    let child = uri;
    for (let i = 0; i < 64; i++) {
      const [dir, name] = split(child);
      if (dir === child || !dir) return undefined;
      const entries = this.dirs.get(dir);
      if (entries) {
        const type = entries.get(name);
        if (type === undefined) return 'missing';
        if (child === uri) return type;
        // An ancestor is listed but its own entries are unknown (not walked): unknown, unless it is a file.
        return type === 'file' ? 'missing' : undefined;
      }
      child = dir;
    }
    return undefined;
  }

  /** Every file known under a folder. */
  filesUnder(dir: string): string[] {
    const out: string[] = [];
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop()!;
      const entries = this.dirs.get(d);
      if (!entries) continue;
      for (const [name, type] of entries) {
        const child = `${d}/${name}`;
        if (type === 'directory') stack.push(child);
        else out.push(child);
      }
    }
    return out;
  }

  /** Every file with this (encoded) name. */
  named(name: string): string[] {
    const out: string[] = [];
    for (const [dir, entries] of this.dirs) if (entries.get(name) === 'file') out.push(`${dir}/${name}`);
    return out;
  }

  clear(): void {
    this.dirs.clear();
  }

  get size(): number {
    let n = 0;
    for (const e of this.dirs.values()) n += e.size;
    return n;
  }
}

function split(uri: string): [string, string] {
  const i = uri.lastIndexOf('/');
  return i < 0 ? [uri, ''] : [uri.slice(0, i), uri.slice(i + 1)];
}
