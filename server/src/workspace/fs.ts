import { isUnder, normalizeUri } from './uri';

export type FileType = 'file' | 'directory';

export interface ReadOptions {
  /** Larger files are not read (bytes). */
  maxBytes?: number;
  /** Folders (URIs) a file must lie in once links are resolved: a link that leaves them is not followed. */
  roots?: readonly string[];
}

/**
 * What the workspace index reads from disk. Injected so that the index is
 * tested over memory and the core never touches the file system itself:
 * `server/src/node/fileSystem.ts` implements it with node:fs.
 */
export interface FileSystem {
  /** Entries of a folder (name and type), or [] when it cannot be read. Symbolic links to folders are not followed. */
  readDirectory(uri: string): Promise<Array<[string, FileType]>>;
  /**
   * A regular file's text, or undefined when it cannot be read, is not a
   * regular file (FIFO, device, socket), is larger than maxBytes, or is a
   * link that leaves the roots.
   */
  readFile(uri: string, options?: ReadOptions): Promise<string | undefined>;
  /** Synchronous probe for `missing-file` diagnostics of paths the index has not seen; undefined when unknown (not a file: URI). */
  stat(uri: string): FileType | 'missing' | undefined;
  /** Asynchronous probe (file events): what a path is now. */
  probe?(uri: string): Promise<FileType | 'missing' | undefined>;
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
    const u = normalizeUri(uri);
    for (const f of [...this.files.keys()]) if (f === u || isUnder(f, u)) this.files.delete(f);
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

  async readFile(uri: string, options: ReadOptions = {}): Promise<string | undefined> {
    const t = this.files.get(normalizeUri(uri));
    if (t === undefined || (options.maxBytes !== undefined && t.length > options.maxBytes)) return undefined;
    return t;
  }

  stat(uri: string): FileType | 'missing' {
    const u = normalizeUri(uri).replace(/\/$/, '');
    if (this.files.has(u)) return 'file';
    for (const f of this.files.keys()) if (isUnder(f, u)) return 'directory';
    return 'missing';
  }

  async probe(uri: string): Promise<FileType | 'missing'> {
    return this.stat(uri);
  }
}
