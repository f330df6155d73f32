import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** A fresh temporary folder with the given files (path -> content). */
export function tempTree(files: Record<string, string | Buffer> = {}, prefix = 'aml-yaml-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Temporary folders for one test file, all removed after its tests:
 * `tree(files)` makes one holding these files, `keep(dir)` adds a folder made
 * otherwise.
 */
export function scratchTrees(prefix?: string): {
  tree(files?: Record<string, string | Buffer>): string;
  keep(dir: string): string;
} {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeTree));
  const keep = (dir: string) => {
    dirs.push(dir);
    return dir;
  };
  return { tree: (files = {}) => keep(tempTree(files, prefix)), keep };
}
