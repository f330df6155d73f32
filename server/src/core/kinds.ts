import { KIND_REGISTRY } from './kinds.generated';

/**
 * Every Azure ML kind the service knows. The data comes from the schemas: each
 * `schemas/<kind>.schema.json` describes its kind in a root `x-kind`
 * annotation and in field annotations (`x-reference`, `x-secret`,
 * `x-identity`, `x-cli-supplied`, `x-check`); `scripts/gen-kinds.mjs` turns them into
 * `kinds.generated.ts`. Adding a kind is adding its schema (and its tests).
 */

export type { DetectRule, FieldPath, IdentityShape, KindFamily, KindInfo, ReferenceCategory } from './kindInfo';
import type { IdentityShape, KindFamily, KindInfo, ReferenceCategory } from './kindInfo';

export const KINDS: readonly KindInfo[] = KIND_REGISTRY;

const byId = new Map(KINDS.map((kind) => [kind.id, kind]));
const byLowerId = new Map<string, KindInfo>();
for (const kind of KINDS) {
  byLowerId.set(kind.id.toLowerCase(), kind);
  for (const a of kind.aliases ?? []) byLowerId.set(a.toLowerCase(), kind);
}

export function kindInfo(id: string): KindInfo | undefined {
  return byId.get(id) ?? byLowerId.get(id.toLowerCase());
}

export function schemaFileOf(kindId: string): string {
  return `${kindId}.schema.json`;
}

/** The kinds of a family, in registry order. */
export function kindsOfFamily(family: KindFamily): string[] {
  return KINDS.filter((k) => k.family === family).map((k) => k.id);
}

/** The kinds whose names a reference of this category may point at. */
export function kindsReferencedAs(category: string): string[] {
  return KINDS.filter((k) => k.referencedAs === category).map((k) => k.id);
}

/**
 * The key names that mean this reference category wherever they appear: the
 * leaf keys of the fields annotated `x-reference` with it, over all kinds,
 * minus keys annotated with another category too (`path` names data or a
 * model: its category depends on the document around it).
 */
export function referenceKeys(category: ReferenceCategory): Set<string> {
  const categories = new Map<string, Set<string>>();
  for (const k of KINDS) {
    for (const r of k.references) {
      const key = r.path[r.path.length - 1];
      if (!categories.has(key)) categories.set(key, new Set());
      categories.get(key)!.add(r.category);
    }
  }
  return new Set([...categories].filter(([, cats]) => cats.size === 1 && cats.has(category)).map(([key]) => key));
}

/** The identity shape of the kind's own identity: its root `identity`, else its first identity block. */
export function identityShapeOf(kindId: string): IdentityShape | undefined {
  const k = kindInfo(kindId);
  if (!k) return undefined;
  return (k.identity.find((i) => i.path.length === 1 && i.path[0] === 'identity') ?? k.identity[0])?.shape;
}

/** The kinds whose root `identity` is loaded with the given CLI identity schema. */
export function kindsWithRootIdentity(shape: IdentityShape): string[] {
  return KINDS.filter((k) => k.identity.some((i) => i.shape === shape && i.path.length === 1)).map((k) => k.id);
}

/** The kinds with an identity block of this shape anywhere. */
export function kindsWithIdentity(shape: IdentityShape): string[] {
  return KINDS.filter((k) => k.identity.some((i) => i.shape === shape)).map((k) => k.id);
}

/** The key names of every secret field of every kind (for redaction of facts kept outside the document). */
export function secretKeyNames(): Set<string> {
  const out = new Set<string>();
  for (const k of KINDS)
    for (const p of k.secrets)
      for (let i = p.length - 1; i >= 0; i--)
        if (p[i] !== '*' && p[i] !== '[]') {
          out.add(p[i]);
          break;
        }
  return out;
}

/**
 * "a compute cluster", "an Azure Blob datastore": the kind's title with an
 * article, for messages. Titles starting with a proper name keep its capital.
 */
export function kindPhrase(kindId: string): string {
  const title = kindInfo(kindId)?.title ?? kindId;
  const first = title.split(' ')[0];
  const proper = /^[A-Z][A-Za-z]*[A-Z]/.test(first) || ['Azure', 'Kubernetes', 'Spark', 'Synapse'].includes(first);
  const words = proper ? title : title[0].toLowerCase() + title.slice(1);
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/** The kind a `$schema` URL names, from its last path segment; undefined when it names none. */
export function kindFromSchemaUrl(url: string): KindInfo | undefined {
  const clean = url.trim().replace(/[?#].*$/, '');
  const segments = clean.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  const name = last.toLowerCase().replace(/\.schema\.json$|\.json$/, '');
  const hinted = (hint: string) => segments.some((s) => s.toLowerCase() === hint);
  for (const kind of KINDS) {
    if (!kind.schemaNames.includes(name)) continue;
    if (kind.schemaPathHint && !hinted(kind.schemaPathHint)) continue;
    return kind;
  }
  return undefined;
}

/** The canonical `$schema` URL offered for a kind. */
export function schemaUrlOf(kindId: string): string {
  return kindInfo(kindId)?.schemaUrl ?? `https://azuremlschemas.azureedge.net/latest/${kindId}.schema.json`;
}
