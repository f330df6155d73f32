import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading files of a repository that may be hostile: only regular files
 * (never a FIFO, device or socket, which can block a read forever or never
 * end), size checked before reading and bounded while reading, and a
 * symbolic link only when its target stays inside the allowed folders (a
 * link to /dev/zero, /proc/self/fd/0 or another repository is not followed).
 * The file is opened non-blocking (a FIFO cannot block the open) and checked
 * on the open descriptor (nothing can be swapped in between).
 */

export type ReadResult = { text: string } | { skipped: 'missing' | 'not-regular' | 'too-large' | 'outside' | 'unreadable' };

export interface SafeReadOptions {
  maxBytes?: number;
  /** Absolute folder paths the file must lie in once links are resolved. */
  roots?: readonly string[];
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = fs.realpathSync(root);
    } catch {
      r = path.resolve(root);
    }
    if (realRoots.size > 256) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

function inside(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const r = realRoot(root);
    return real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
  });
}

/** Synchronous: for worker threads, where blocking costs nothing but that worker's time. */
export function readRegularFileSync(file: string, options: SafeReadOptions = {}): ReadResult {
  let fd: number;
  try {
    // Not through a link (the common case costs no lstat): a link fails with ELOOP and is checked first.
    fd = fs.openSync(file, OPEN_FLAGS | NO_FOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { skipped: 'missing' };
    if (code !== 'ELOOP' && code !== 'EMLINK' && NO_FOLLOW) return { skipped: 'unreadable' };
    try {
      if (options.roots && !inside(fs.realpathSync(file), options.roots)) return { skipped: 'outside' };
      if (!fs.statSync(file).isFile()) return { skipped: 'not-regular' };
      fd = fs.openSync(file, OPEN_FLAGS);
    } catch {
      return { skipped: 'missing' };
    }
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { skipped: 'not-regular' };
    const max = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    if (st.size > max) return { skipped: 'too-large' };
    const buffer = Buffer.allocUnsafe(st.size + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n <= 0) break;
      length += n;
      // Grew past its size while read.
      if (length === buffer.length) return { skipped: 'too-large' };
    }
    return { text: buffer.toString('utf8', 0, length) };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/** Asynchronous: for the main thread. */
export async function readRegularFile(file: string, options: SafeReadOptions = {}): Promise<ReadResult> {
  let st: fs.Stats;
  try {
    st = await fs.promises.lstat(file);
    if (st.isSymbolicLink()) {
      if (options.roots && !inside(await fs.promises.realpath(file), options.roots)) return { skipped: 'outside' };
      st = await fs.promises.stat(file);
    }
  } catch {
    return { skipped: 'missing' };
  }
  if (!st.isFile()) return { skipped: 'not-regular' };
  const max = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
  if (st.size > max) return { skipped: 'too-large' };
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch {
    return { skipped: 'unreadable' };
  }
  try {
    const fst = await handle.stat();
    if (!fst.isFile()) return { skipped: 'not-regular' };
    const buffer = Buffer.allocUnsafe(Math.min(max, fst.size) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead <= 0) break;
      length += bytesRead;
      if (length > max || length === buffer.length) return { skipped: 'too-large' };
    }
    return { text: buffer.toString('utf8', 0, length) };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
