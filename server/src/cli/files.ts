import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** Folders never walked into (an explicitly named path inside one is still checked). */
const SKIP_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?[\]{}!]/;

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Usage problems: paths that do not exist, globs that match nothing. */
  problems: string[];
  /** Folders that could not be read (reported, not fatal). */
  warnings: string[];
}

/** Forward-slash path relative to cwd (how files are shown and matched). */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs) || '.';
  return rel.split(path.sep).join('/');
}

type Ignore = (rel: string, isDir: boolean) => boolean;

/**
 * Ignore patterns: a path without glob characters ignores that file or
 * folder (and everything under it); a glob is matched against the path
 * relative to cwd.
 */
export function ignoreMatcher(cwd: string, patterns: readonly string[]): Ignore {
  const tests = patterns.map((raw): Ignore => {
    const p = raw.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    if (!GLOB_CHARS.test(p)) {
      const rel = displayPath(cwd, path.resolve(cwd, p));
      return (candidate) => candidate === rel || candidate.startsWith(rel === '.' ? '' : `${rel}/`);
    }
    const m = picomatch(p, { dot: true });
    return (candidate, isDir) => m(candidate) || (isDir && m(`${candidate}/`));
  });
  return (rel, isDir) => tests.some((t) => t(rel, isDir));
}

/**
 * Expands the command line's paths: a file is taken as is (any extension), a
 * folder is walked for `.yml`/`.yaml` files, and a path that does not exist
 * but has glob characters is matched as a glob (YAML files only).
 * Symbolic links to folders are not followed (no cycles).
 */
export function discover(args: readonly string[], cwd: string, ignorePatterns: readonly string[] = []): Discovery {
  const ignored = ignoreMatcher(cwd, ignorePatterns);
  const found = new Set<string>();
  const problems: string[] = [];
  const warnings: string[] = [];

  const walk = (dir: string, accept: (abs: string) => boolean): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      warnings.push(`cannot read folder ${displayPath(cwd, dir)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        isDir = false; // never follow linked folders
        try {
          isFile = fs.statSync(abs).isFile();
        } catch {
          isFile = false; // dangling link
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || ignored(displayPath(cwd, abs), true)) continue;
        walk(abs, accept);
      } else if (isFile && YAML_FILE.test(e.name) && !ignored(displayPath(cwd, abs), false) && accept(abs)) {
        found.add(abs);
      }
    }
  };

  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      if (!ignored(displayPath(cwd, abs), true)) walk(abs, () => true);
    } else if (stat?.isFile()) {
      if (!ignored(displayPath(cwd, abs), false)) found.add(abs);
    } else if (stat) {
      problems.push(`"${arg}" is not a regular file or a folder.`);
    } else if (GLOB_CHARS.test(arg)) {
      const before = found.size;
      expandGlob(arg, cwd, walk);
      if (found.size === before) problems.push(`no YAML file matches "${arg}".`);
    } else {
      problems.push(`"${arg}" does not exist.`);
    }
  }
  return { files: [...found].sort(), problems, warnings };
}

function expandGlob(arg: string, cwd: string, walk: (dir: string, accept: (abs: string) => boolean) => void): void {
  const pattern = arg.replace(/\\/g, '/').replace(/^\.\//, '');
  const absolute = path.isAbsolute(arg);
  const { base } = picomatch.scan(pattern);
  const match = picomatch(pattern, { dot: true });
  const start = path.resolve(cwd, base || '.');
  if (!fs.existsSync(start) || !fs.statSync(start).isDirectory()) return;
  walk(start, (abs) => match(absolute ? abs.split(path.sep).join('/') : displayPath(cwd, abs)));
}
