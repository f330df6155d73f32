import { URI, Utils } from 'vscode-uri';

/**
 * URI helpers for the workspace index. Every index key is a normalised URI
 * string (the form VS Code sends), so an open document and its file on disk
 * meet under the same key.
 */

const cache = new Map<string, string>();

export function normalizeUri(uri: string): string {
  const hit = cache.get(uri);
  if (hit !== undefined) return hit;
  let out = uri;
  try {
    out = URI.parse(uri).toString();
  } catch {
    /* keep as given */
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(uri, out);
  return out;
}

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** The folder URI of a URI (no trailing slash); the URI itself at the root. */
export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  if (i < 0) return uri;
  const head = uri.slice(0, i);
  // `file:///x.yml` -> `file://` is not a folder: keep the root slash.
  return /^[a-z][a-z0-9+.-]*:\/\/[^/]*$/i.test(head) ? head + '/' : head;
}

export function parentOf(dir: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/$/i.test(dir)) return undefined;
  const p = dirOf(dir);
  return p === dir ? undefined : p;
}

export function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Whether `uri` is `dir` itself or lies under it. */
export function isUnder(uri: string, dir: string): boolean {
  if (uri === dir) return true;
  const d = dir.endsWith('/') ? dir : dir + '/';
  return uri.startsWith(d);
}

/** Resolves a relative path (POSIX or Windows separators) against the folder of `from`. */
export function resolveRelative(from: string, relative: string): string | undefined {
  try {
    const base = URI.parse(from);
    return Utils.resolvePath(Utils.dirname(base), relative.replace(/\\/g, '/')).toString();
  } catch {
    return undefined;
  }
}

/** A path relative to the folder of `from`, for messages and hovers. */
export function relativePath(uri: string, from: string): string {
  const a = uri.split('/');
  const b = from.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  const parts = [...Array(b.length - 1 - i).fill('..'), ...a.slice(i)];
  try {
    return decodeURIComponent(parts.join('/')) || uri;
  } catch {
    return parts.join('/') || uri;
  }
}
