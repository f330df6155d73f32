import { isUnder, normalizeUri } from './uri';

export type FileType = 'file' | 'directory';

/**
 * What the workspace index reads from disk. Injected so that the index is
 * tested over memory and the core never touches the file system itself:
 * `server/src/node/fileSystem.ts` implements it with node:fs.
 */
export interface FileSystem {
  /** Entries of a folder (name and type), or [] when it cannot be read. Symbolic links to folders are not followed. */
  readDirectory(uri: string): Promise<Array<[string, FileType]>>;
  /** A file's text, or undefined when it cannot be read or is larger than maxBytes. */
  readFile(uri: string, maxBytes?: number): Promise<string | undefined>;
  /** Synchronous probe used for `missing-file` diagnostics; undefined when unknown (not a file: URI). */
  stat(uri: string): FileType | 'missing' | undefined;
}

/** A file system over a map of URI to text, for tests and virtual workspaces. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.files.set(normalizeUri(uri), text);
  }

  set(uri: string, text: string): void {
    this.files.set(normalizeUri(uri), text);
  }

  delete(uri: string): void {
    this.files.delete(normalizeUri(uri));
  }

  async readDirectory(uri: string): Promise<Array<[string, FileType]>> {
    const dir = normalizeUri(uri).replace(/\/$/, '') + '/';
    const out = new Map<string, FileType>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(dir)) continue;
      const rest = f.slice(dir.length);
      const slash = rest.indexOf('/');
      if (slash < 0) out.set(decodeURIComponent(rest), 'file');
      else out.set(decodeURIComponent(rest.slice(0, slash)), 'directory');
    }
    return [...out];
  }

  async readFile(uri: string, maxBytes?: number): Promise<string | undefined> {
    const t = this.files.get(normalizeUri(uri));
    if (t === undefined || (maxBytes !== undefined && t.length > maxBytes)) return undefined;
    return t;
  }

  stat(uri: string): FileType | 'missing' {
    const u = normalizeUri(uri).replace(/\/$/, '');
    if (this.files.has(u)) return 'file';
    for (const f of this.files.keys()) if (isUnder(f, u)) return 'directory';
    return 'missing';
  }
}
