import type { YamlPath } from '../core/document';
import type { Article } from './api';
import { RULES } from './registry';

/** A documented caveat about a field, quoted exactly from a source article. */
export interface Caveat {
  /** The exact sentence (a substring of the seed article). */
  quote: string;
  article: Article;
}

export interface CaveatEntry {
  kinds: readonly string[];
  /** Path of the field; `*` matches any one segment (a map key or list index). */
  path: readonly (string | number)[];
  caveats: Caveat[];
}

/**
 * The hover caveats of the rule catalogue: fields whose documentation carries
 * a network-isolation or identity warning. Filled from the catalogue's rules
 * and its "Hover caveats" list.
 */
export const CAVEATS: CaveatEntry[] = [];

function matches(pattern: readonly (string | number)[], path: YamlPath): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) => p === '*' || String(p) === String(path[i]));
}

/** The caveats to show on the field at path of a document of this kind. */
export function caveatsFor(kind: string, path: YamlPath): Caveat[] {
  const out: Caveat[] = [];
  const seen = new Set<string>();
  const entries: CaveatEntry[] = [...CAVEATS];
  for (const rule of RULES) {
    if (!rule.article || !rule.quotes?.length || !rule.hoverFields) continue;
    for (const path of rule.hoverFields) entries.push({ kinds: rule.kinds, path, caveats: rule.quotes.map((quote) => ({ quote, article: rule.article! })) });
  }
  for (const entry of entries) {
    if (!entry.kinds.includes(kind) && !entry.kinds.includes('*')) continue;
    if (!matches(entry.path, path)) continue;
    for (const c of entry.caveats) {
      if (seen.has(c.quote)) continue;
      seen.add(c.quote);
      out.push(c);
    }
  }
  return out;
}
