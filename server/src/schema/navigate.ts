import type { AnySchemaObject } from 'ajv/dist/2020';
import type { PathSegment } from '../core/document';
import type { JsonSchema, SchemaRef, SchemaStore } from './store';

/**
 * Walks our schemas the way the validator does, to answer "which schemas
 * apply at this path of this document": the basis of completion and hover.
 * Unions are narrowed by the value already written (a `type:` tag, the JSON
 * type); while the value is unknown every branch stays.
 */

/** A schema object, typed as ajv types them (any keyword, any value). */
type Obj = AnySchemaObject;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeAllows(schema: Obj, value: unknown): boolean {
  const t = schema.type;
  if (t === undefined || value === undefined) return true;
  const types: string[] = Array.isArray(t) ? t : [t];
  const vt = jsonTypeOf(value);
  return types.includes(vt) || (vt === 'integer' && types.includes('number'));
}

const tagValueCache = new WeakMap<object, Map<string, string[] | undefined>>();
const branchCache = new WeakMap<object, SchemaRef[]>();

/** Every schema a union branch may bring, whatever the value (memoised: it does not depend on the document). */
function expandBranch(store: SchemaStore, branch: SchemaRef): SchemaRef[] {
  if (!isObj(branch.schema) || branch.conditional) return expandOne(store, branch, undefined, 0, false);
  let out = branchCache.get(branch.schema);
  if (!out) branchCache.set(branch.schema, (out = expandOne(store, branch, undefined, 0, false)));
  return out;
}

/** The tag values (const/enum of properties[tag]) a union branch accepts (memoised per schema object). */
function tagValues(store: SchemaStore, branch: SchemaRef, tag: string): string[] | undefined {
  if (!isObj(branch.schema)) return undefined;
  let byTag = tagValueCache.get(branch.schema);
  if (!byTag) tagValueCache.set(branch.schema, (byTag = new Map()));
  if (!byTag.has(tag)) byTag.set(tag, tagValuesUncached(store, branch, tag));
  return byTag.get(tag);
}

function tagValuesUncached(store: SchemaStore, branch: SchemaRef, tag: string): string[] | undefined {
  for (const s of expandBranch(store, branch)) {
    if (!isObj(s.schema)) continue;
    const p = s.schema.properties?.[tag];
    if (!isObj(p)) continue;
    if (p.const !== undefined) return [String(p.const)];
    if (Array.isArray(p.enum)) return p.enum.map(String);
  }
  return undefined;
}

function narrowUnion(store: SchemaStore, owner: Obj, branches: SchemaRef[], value: unknown): SchemaRef[] {
  if (value === undefined) return branches;
  const tag: string | undefined = owner.discriminator?.propertyName ?? guessTag(store, branches);
  if (tag && isObj(value) && typeof value[tag] === 'string') {
    const wanted = value[tag].toLowerCase();
    const hit = branches.filter((b) => tagValues(store, b, tag)?.some((t) => t.toLowerCase() === wanted));
    if (hit.length) return hit;
  }
  const compatible = branches.filter((b) => expandBranch(store, b).every((s) => !isObj(s.schema) || typeAllows(s.schema, value)));
  return compatible.length ? compatible : branches;
}

function guessTag(store: SchemaStore, branches: SchemaRef[]): string | undefined {
  if (branches.length < 2) return undefined;
  return branches.every((b) => tagValues(store, b, 'type')) ? 'type' : undefined;
}

/** Whether a value satisfies a simple `if` schema (properties with const/enum, required, type). */
function matchesIf(schema: JsonSchema, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  if (!typeAllows(schema, value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (isObj(value)) {
    for (const r of schema.required ?? []) if (!(r in value)) return false;
    for (const [k, sub] of Object.entries<JsonSchema>(schema.properties ?? {})) {
      if (k in value && !matchesIf(sub, value[k])) return false;
    }
  } else if (schema.required?.length || schema.properties) {
    return value === undefined ? false : !isObj(value) ? false : true;
  }
  return true;
}

/**
 * Flattens `$ref`, `allOf`, unions and `if`/`then`/`else` into the list of
 * plain schemas that apply to a value. With `narrow` false, unions keep every branch.
 */
function expandOne(store: SchemaStore, ref: SchemaRef, value: unknown, depth: number, narrow = true): SchemaRef[] {
  if (depth > 32) return [];
  const s = ref.schema;
  if (!isObj(s)) return s === true ? [ref] : [];
  const out: SchemaRef[] = [ref];
  const cond = ref.conditional;
  if (typeof s.$ref === 'string') {
    const target = store.resolve(s.$ref, ref.base);
    if (target) out.push(...expandOne(store, { ...target, conditional: cond }, value, depth + 1, narrow));
  }
  for (const sub of s.allOf ?? [])
    out.push(...expandOne(store, { schema: sub, base: ref.base, conditional: cond }, value, depth + 1, narrow));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(s[key])) continue;
    let branches: SchemaRef[] = s[key].map((b: JsonSchema) => ({ schema: b, base: ref.base }));
    if (narrow) branches = narrowUnion(store, s, branches, value);
    const open = cond || branches.length > 1;
    for (const b of branches) out.push(...expandOne(store, { ...b, conditional: open }, value, depth + 1, narrow));
  }
  if (s.if !== undefined) {
    const chosen = value === undefined ? [s.then, s.else] : matchesIf(s.if, value) ? [s.then] : [s.else];
    const open = cond || chosen.filter((c) => c !== undefined).length > 1;
    for (const c of chosen)
      if (c !== undefined) out.push(...expandOne(store, { schema: c, base: ref.base, conditional: open }, value, depth + 1, narrow));
  }
  return out;
}

export function expand(store: SchemaStore, refs: SchemaRef[], value: unknown): SchemaRef[] {
  const out: SchemaRef[] = [];
  const seen = new Set<JsonSchema>();
  for (const r of refs) {
    for (const e of expandOne(store, r, value, 0)) {
      if (seen.has(e.schema)) continue;
      seen.add(e.schema);
      out.push(e);
    }
  }
  return out;
}

/** Schemas for the child at `seg` of a value whose schemas are `expanded`. */
export function childSchemas(expanded: SchemaRef[], seg: PathSegment): SchemaRef[] {
  const out: SchemaRef[] = [];
  for (const { schema, base } of expanded) {
    if (!isObj(schema)) continue;
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) {
      if (schema.items !== undefined && typeof schema.items !== 'boolean') out.push({ schema: schema.items, base });
      if (schema.type === 'array' || schema.items !== undefined) continue;
    }
    const key = String(seg);
    if (isObj(schema.properties) && key in schema.properties) {
      out.push({ schema: schema.properties[key], base });
      continue;
    }
    let matchedPattern = false;
    for (const [pattern, sub] of Object.entries<JsonSchema>(schema.patternProperties ?? {})) {
      try {
        if (new RegExp(pattern, 'u').test(key)) {
          out.push({ schema: sub, base });
          matchedPattern = true;
        }
      } catch {
        /* a bad pattern in a schema must not break navigation */
      }
    }
    if (!matchedPattern && isObj(schema.additionalProperties)) out.push({ schema: schema.additionalProperties, base });
  }
  return out;
}

/** Expanded schemas at a path, narrowed by the document's value along the way. */
export function schemasAtPath(store: SchemaStore, root: SchemaRef, path: PathSegment[], rootValue: unknown): SchemaRef[] {
  let value = rootValue;
  let current = expand(store, [root], value);
  for (const seg of path) {
    const child = childSchemas(current, seg);
    value = isObj(value) || Array.isArray(value) ? (value as Record<PathSegment, unknown>)[seg] : undefined;
    current = expand(store, child, value);
    if (current.length === 0) break;
  }
  return current;
}

export interface PropertyInfo {
  name: string;
  required: boolean;
  schemas: SchemaRef[];
}

/** Every property the expanded schemas of an object define, required ones marked. */
export function propertiesOf(store: SchemaStore, expanded: SchemaRef[]): PropertyInfo[] {
  const props = new Map<string, PropertyInfo>();
  const required = new Set<string>();
  for (const { schema, base, conditional } of expanded) {
    if (!isObj(schema)) continue;
    if (!conditional) for (const r of schema.required ?? []) required.add(r);
    for (const [name, sub] of Object.entries<JsonSchema>(schema.properties ?? {})) {
      let info = props.get(name);
      if (!info) props.set(name, (info = { name, required: false, schemas: [] }));
      info.schemas.push(...expand(store, [{ schema: sub, base }], undefined));
    }
  }
  for (const info of props.values()) info.required = required.has(info.name);
  return [...props.values()];
}

/** The names of the properties the expanded schemas define (propertiesOf without expanding each one). */
export function propertyNames(expanded: SchemaRef[]): string[] {
  const names = new Set<string>();
  for (const { schema } of expanded)
    if (isObj(schema) && isObj(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
  return [...names];
}

/** Facts for hover and completion, merged over the expanded schemas. */
export interface FieldFacts {
  description?: string;
  types: string[];
  enumValues: unknown[];
  defaultValue?: unknown;
  hasDefault: boolean;
  deprecated: boolean;
  casing?: string;
  secret: boolean;
  reference?: string;
  resourceType?: string;
  /** The CLI flag that usually supplies the key (`x-cli-supplied`). */
  cliSupplied?: string;
  examples: unknown[];
}

export function factsOf(expanded: SchemaRef[]): FieldFacts {
  const facts: FieldFacts = { types: [], enumValues: [], hasDefault: false, deprecated: false, secret: false, examples: [] };
  for (const { schema } of expanded) {
    if (!isObj(schema)) continue;
    if (!facts.description && typeof schema.description === 'string') facts.description = schema.description;
    const t = schema.type;
    for (const x of Array.isArray(t) ? t : t ? [t] : []) if (!facts.types.includes(x)) facts.types.push(x);
    if (schema.const !== undefined && !facts.enumValues.includes(schema.const)) facts.enumValues.push(schema.const);
    for (const e of schema.enum ?? []) if (!facts.enumValues.includes(e)) facts.enumValues.push(e);
    if ('default' in schema && !facts.hasDefault) {
      facts.hasDefault = true;
      facts.defaultValue = schema.default;
    }
    if (schema.deprecated === true) facts.deprecated = true;
    if (schema['x-casing'] && !facts.casing) facts.casing = schema['x-casing'];
    if (schema['x-secret'] === true) facts.secret = true;
    if (schema['x-reference'] && !facts.reference) facts.reference = schema['x-reference'];
    if (schema['x-resourceType'] && !facts.resourceType) facts.resourceType = schema['x-resourceType'];
    if (typeof schema['x-cli-supplied'] === 'string' && !facts.cliSupplied) facts.cliSupplied = schema['x-cli-supplied'];
    for (const ex of schema.examples ?? []) facts.examples.push(ex);
  }
  return facts;
}
