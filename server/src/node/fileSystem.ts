import fs from 'node:fs';
import path from 'node:path';
import type { FileSystem, FileType } from '../workspace/fs';
import { fileUri, fsPathOf } from '../workspace/uri';

/** The workspace index's file system over node:fs (file: URIs only). */
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
    for (const e of entries) {
      if (e.isDirectory()) out.push([e.name, 'directory']);
      else if (e.isFile()) out.push([e.name, 'file']);
      else if (e.isSymbolicLink()) {
        // A link to a file is read; a link to a folder is not followed (no cycles).
        try {
          if ((await fs.promises.stat(path.join(dir, e.name))).isFile()) out.push([e.name, 'file']);
        } catch {
          /* dangling link */
        }
      }
    }
    return out;
  }

  async readFile(uri: string, maxBytes?: number): Promise<string | undefined> {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    // Synchronous on purpose: a spec is read in microseconds, where an asynchronous read costs a
    // thread-pool round trip (over 2,000 specs, twice the parsing time). The index yields to the
    // event loop between slices of files, so one read is the longest pause it causes.
    try {
      if (maxBytes !== undefined && fs.statSync(p).size > maxBytes) return undefined;
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
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
}

export { fileUri };
