import type { JsonSchema, SchemaRef, SchemaStore } from './store';

/**
 * The fields of a kind that hold a secret, read from the kind's schema (the
 * `x-secret: true` annotation), as path patterns: `*` stands for any key of a
 * mapping and `#` for any item of a list. A pattern covers the value at its
 * path and everything under it. Computed once per store and kind.
 */
export type SecretPattern = readonly string[];

const cache = new WeakMap<SchemaStore, Map<string, SecretPattern[]>>();
const MAX_DEPTH = 12;

type Obj = { [key: string]: any };
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function secretPatterns(store: SchemaStore, kind: string): SecretPattern[] {
  let byKind = cache.get(store);
  if (!byKind) cache.set(store, (byKind = new Map()));
  let out = byKind.get(kind);
  if (out) return out;
  const root = store.root(kind);
  const found = new Map<string, SecretPattern>();
  for (const p of root ? under(store, root) : []) if (p.length) found.set(p.join('\u0000'), p);
  out = [...found.values()];
  byKind.set(kind, out);
  return out;
}

/** Per schema object, the secret patterns below it (relative paths); memoised over every kind. */
const relative = new WeakMap<object, SecretPattern[]>();
const IN_PROGRESS: SecretPattern[] = [];

function under(store: SchemaStore, ref: SchemaRef): SecretPattern[] {
  const s = ref.schema as JsonSchema;
  if (!isObj(s)) return [];
  const known = relative.get(s);
  if (known) return known; // a $ref cycle meets IN_PROGRESS: no pattern through the cycle
  relative.set(s, IN_PROGRESS);
  const out: SecretPattern[] = [];
  const add = (prefix: string | undefined, list: SecretPattern[]) => {
    for (const p of list) if (p.length < MAX_DEPTH) out.push(prefix === undefined ? p : [prefix, ...p]);
  };
  if (s['x-secret'] === true) out.push([]);
  else {
    if (typeof s.$ref === 'string') {
      const target = store.resolve(s.$ref, ref.base);
      if (target) add(undefined, under(store, target));
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) for (const sub of Array.isArray(s[k]) ? s[k] : []) add(undefined, under(store, { schema: sub, base: ref.base }));
    for (const k of ['if', 'then', 'else'] as const) if (isObj(s[k])) add(undefined, under(store, { schema: s[k], base: ref.base }));
    if (isObj(s.properties)) for (const [name, sub] of Object.entries(s.properties)) add(name, under(store, { schema: sub as JsonSchema, base: ref.base }));
    if (isObj(s.patternProperties)) for (const sub of Object.values(s.patternProperties)) add('*', under(store, { schema: sub as JsonSchema, base: ref.base }));
    if (isObj(s.additionalProperties)) add('*', under(store, { schema: s.additionalProperties, base: ref.base }));
    if (isObj(s.items)) add('#', under(store, { schema: s.items, base: ref.base }));
  }
  relative.set(s, out);
  return out;
}

/** Whether a concrete path (keys and list indexes) falls under one of the patterns. */
export function underSecretPattern(patterns: readonly SecretPattern[], path: ReadonlyArray<string | number>): boolean {
  for (const p of patterns) {
    if (p.length > path.length) continue;
    let ok = true;
    for (let i = 0; i < p.length && ok; i++) {
      const seg = path[i];
      ok = p[i] === '*' ? typeof seg === 'string' : p[i] === '#' ? typeof seg === 'number' : p[i] === seg;
    }
    if (ok) return true;
  }
  return false;
}
