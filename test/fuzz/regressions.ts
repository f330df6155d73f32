import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The saved regressions of one fuzzer: a folder of JSON files under
 * test/fixtures/fuzz-regressions/, written when a run finds a problem and
 * replayed by every later run.
 */
export class Regressions<T> {
  constructor(readonly dir: string) {}

  /** Every saved case with its file name. */
  load(): Array<{ file: string; r: T }> {
    const files = fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((f) => f.endsWith('.json')) : [];
    return files.map((file) => ({ file, r: JSON.parse(fs.readFileSync(path.join(this.dir, file), 'utf8')) as T }));
  }

  /** Saves a case as `<prefix>-<hash>.json` (`<hash>.json` without a prefix), the hash of `content`'s parts; returns its path. */
  save(r: T, content: string[], prefix?: string): string {
    fs.mkdirSync(this.dir, { recursive: true });
    const hash = crypto.createHash('sha1').update(content.join('\0')).digest('hex').slice(0, 12);
    const file = path.join(this.dir, `${prefix ? `${prefix}-` : ''}${hash}.json`);
    fs.writeFileSync(file, JSON.stringify(r, null, 1) + '\n');
    return file;
  }
}

/** A file-name part from a problem kind (`exception:hover` -> `exception-hover`). */
export const kindPart = (kind: string | undefined) => kind?.replace(/[^a-z]+/gi, '-') ?? 'problem';
