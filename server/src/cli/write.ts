import fs from 'node:fs';
import path from 'node:path';

/**
 * How `--fix` writes a file so that no byte is ever lost: the new content
 * goes to a temporary file in the same folder (same file system), is flushed
 * to disk, gets the original's mode (and owner, when allowed), and is renamed
 * over the original, which the operating system does atomically. On any
 * error (a full disk, a read-only folder) the temporary file is removed and
 * the original is untouched; a process killed before the rename leaves the
 * original intact (and at worst a `.<name>.aml-yaml-*.tmp` file behind).
 *
 * Before writing: the file must still hold exactly the bytes that were read
 * (another program may have changed it meanwhile), must be a regular file,
 * and its real location must lie inside the checked tree (a link that leads
 * out of it is not written through).
 */

/** The file system operations used (tests inject failures). */
export interface WriteFs {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  fchmodSync: typeof fs.fchmodSync;
  fchownSync: typeof fs.fchownSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
}

export const NODE_FS: WriteFs = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  fchmodSync: fs.fchmodSync,
  fchownSync: fs.fchownSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

export interface WriteRequest {
  /** The path the file was read from (may be a link). */
  file: string;
  /** The bytes read (the file must still hold them). */
  original: Buffer;
  /** The new text. */
  text: string;
  /** Real paths of the checked tree's roots (folders or files). */
  roots: readonly string[];
}

/** Why a file was not written (shown to the user), or undefined when it was. */
export type WriteOutcome = { written: true } | { written: false; reason: string };

export function writeFixes(req: WriteRequest, wfs: WriteFs = NODE_FS): WriteOutcome {
  let real: string;
  try {
    real = fs.realpathSync(req.file);
  } catch (err) {
    return { written: false, reason: `cannot resolve the file (${code(err)})` };
  }
  if (!req.roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep))) {
    return { written: false, reason: 'it is a link to a file outside the checked folders; not written through' };
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch (err) {
    return { written: false, reason: `cannot read it again (${code(err)})` };
  }
  if (!stat.isFile()) return { written: false, reason: 'it is not a regular file' };
  let current: Buffer;
  try {
    current = readRegular(real);
  } catch (err) {
    return { written: false, reason: `cannot read it again (${code(err)})` };
  }
  if (!current.equals(req.original)) return { written: false, reason: 'it changed on disk while it was checked' };

  const data = Buffer.from(req.text, 'utf8');
  const dir = path.dirname(real);
  const tmp = path.join(dir, `.${path.basename(real)}.aml-yaml-${process.pid}-${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = wfs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    for (let off = 0; off < data.length;) off += wfs.writeSync(fd, data, off, data.length - off);
    wfs.fsyncSync(fd);
    wfs.fchmodSync(fd, stat.mode & 0o7777);
    try {
      wfs.fchownSync(fd, stat.uid, stat.gid);
    } catch {
      /* only the owner's group may be kept, or none: the mode is what matters */
    }
    wfs.closeSync(fd);
    fd = undefined;
    wfs.renameSync(tmp, real);
    return { written: true };
  } catch (err) {
    if (fd !== undefined) {
      try {
        wfs.closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      wfs.unlinkSync(tmp);
    } catch {
      /* never created */
    }
    return { written: false, reason: `cannot write it (${code(err)}); the file is unchanged` };
  }
}

/**
 * Reads a regular file without blocking on anything else: opened
 * non-blocking (a FIFO or a device put in its place does not hang the
 * process) and checked with fstat before reading. At most `maxBytes`.
 */
export function readRegular(file: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
    const size = Math.min(st.size, maxBytes);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
}
