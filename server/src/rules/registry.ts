import type { CatalogRule } from './api';
import { CATALOG } from './catalog';

/** Every rule, keyed by id. The catalog folder holds one file per rule. */
export const RULES: readonly CatalogRule[] = CATALOG;
export const RULES_BY_ID: ReadonlyMap<string, CatalogRule> = new Map(RULES.map((r) => [r.id, r]));

/** Rules that run on a kind. */
export function rulesFor(kind: string): CatalogRule[] {
  return RULES.filter((r) => r.kinds.includes(kind) || r.kinds.includes('*'));
}
