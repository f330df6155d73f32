import fs from 'node:fs';
import path from 'node:path';
import type { FileSystem, FileType, ReadOptions } from '../workspace/fs';
import { fileUri, fsPathOf } from '../workspace/uri';
import { readRegularFile } from './safeRead';

/**
 * The workspace index's file system over node:fs (file: URIs only). Reads
 * are asynchronous and go through safeRead.ts: regular files only, size
 * checked first, no link out of the roots.
 */
export class NodeFileSystem implements FileSystem {
  async readDirectory(uri: string): Promise<Array<[string, FileType]>> {
    const dir = fsPathOf(uri);
    if (!dir) return [];
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: Array<[string, FileType]> = [];
    const links: Array<Promise<void>> = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push([e.name, 'directory']);
      else if (e.isFile()) out.push([e.name, 'file']);
      else if (e.isSymbolicLink()) {
        // A link to a file is listed (reading it checks where it leads); a link to a folder is not followed (no cycles).
        links.push(
          fs.promises.stat(path.join(dir, e.name)).then(
            (s) => {
              if (s.isFile()) out.push([e.name, 'file']);
            },
            () => undefined, // dangling link
          ),
        );
      }
    }
    await Promise.all(links);
    return out;
  }

  async readFile(uri: string, options: ReadOptions = {}): Promise<string | undefined> {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    const roots = options.roots?.map(fsPathOf).filter((r): r is string => !!r);
    const r = await readRegularFile(p, { maxBytes: options.maxBytes, roots: roots?.length ? roots : undefined });
    return 'text' in r ? r.text : undefined;
  }

  stat(uri: string): FileType | 'missing' | undefined {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    try {
      const s = fs.statSync(p);
      return s.isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  }

  async probe(uri: string): Promise<FileType | 'missing' | undefined> {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    try {
      const s = await fs.promises.lstat(p);
      // A link to a folder is not walked into: it counts as a path, not a folder.
      return s.isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  }
}

export { fileUri };
