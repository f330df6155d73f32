/**
 * Standalone schemas: one self-contained JSON Schema file per kind, for tools
 * other than aml-yaml (yaml-language-server and Red Hat YAML, check-jsonschema,
 * JetBrains IDEs, ajv). Built from the files of `schemas/` by
 * `scripts/build-schemas.mjs` into `dist/schemas/`, and by the language
 * server when it copies a schema into a workspace.
 *
 * - Every `$ref` to another file is resolved and the target copied into the
 *   root's `$defs` (`#/$defs/<file stem>.<pointer>`), so nothing is loaded
 *   from anywhere; the root has no `$id` (ours is an identifier of a host
 *   that does not exist, and a tool would try to resolve against it).
 * - Keywords only aml-yaml understands are removed: every `x-*` annotation
 *   and `discriminator` (the `oneOf` branches carry `const` tags, so
 *   validation is the same). `ajv` in strict mode compiles the result.
 * - `x-casing` enums (the CLI compares after lower-casing, or after its
 *   `camel_to_snake`) also accept the spellings the CLI accepts, through a
 *   pattern beside the `enum`: exactly for `lower`; for `camelToSnake` every
 *   spelling made of whole words in lower, Capitalised or UPPER case joined
 *   with "_" or nothing that the CLI maps back (`SystemAssigned`,
 *   `TCNForecaster`). The CLI accepts a few rarer spellings beyond those
 *   (letters of one word in mixed case), which JSON Schema tools flag.
 *   Completion in other tools offers the documented spellings (the `enum`).
 *
 * Pure: takes the schema documents, returns JSON. No file system access.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  'contentSchema',
]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Non-standard keywords removed besides `x-*`. */
const DROPPED_KEYWORDS = new Set(['discriminator']);
/** Keywords a bundle cannot carry over faithfully: the build stops with an error. */
const UNSUPPORTED_KEYWORDS = new Set(['$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor']);

export interface BundleInput {
  /** Every schema document by its absolute id (`$id`, or the id the store gives it). */
  docs: ReadonlyMap<string, JsonValue>;
  /** The id of the kind's root document. */
  rootId: string;
  /** Put at the root as `$comment` (provenance). */
  comment?: string;
}

/** One kind's schema with every reference inside the file. Throws on a reference that does not resolve. */
export function bundleKind(input: BundleInput): JsonObject {
  const { docs, rootId } = input;
  const rootDoc = docs.get(stripHash(rootId));
  if (!isObject(rootDoc)) throw new Error(`no schema document ${rootId}`);
  const defs: JsonObject = {};
  const names = new Map<string, string>();
  const rootDefs = isObject(rootDoc.$defs) ? new Set(Object.keys(rootDoc.$defs)) : new Set<string>();
  const used = new Set<string>(rootDefs);

  const tagLocations = discriminatorTags(docs);
  const rootLoc = `${stripHash(rootId)}#`;

  const localRef = (ref: string, base: string, where: string): string => {
    let abs: URL;
    try {
      abs = new URL(ref, base);
    } catch {
      throw new Error(`${where}: $ref "${ref}" is not a valid reference`);
    }
    const fragment = decodeURIComponent(abs.hash.replace(/^#/, ''));
    abs.hash = '';
    const docId = abs.toString();
    if (docId === stripHash(rootId)) {
      if (pointerGet(rootDoc, fragment) === undefined) throw new Error(`${where}: $ref "${ref}" points at nothing in ${docId}`);
      return `#${encodePointer(fragment)}`;
    }
    const key = `${docId}#${fragment}`;
    let name = names.get(key);
    if (!name) {
      const doc = docs.get(docId);
      if (doc === undefined) throw new Error(`${where}: $ref "${ref}" names ${docId}, which is not among the schemas`);
      const target = pointerGet(doc, fragment);
      if (target === undefined) throw new Error(`${where}: $ref "${ref}" points at nothing in ${docId}`);
      name = uniqueName(defName(docId, fragment), used);
      names.set(key, name);
      const copy = transform(target, docId, `${docId}#${encodePointerSegments(fragment)}`);
      if (isObject(copy) && fragment === '') {
        // A whole document: its own $defs were copied as needed, by reference.
        delete copy.$defs;
        delete copy.$schema;
      }
      defs[name] = copy;
    }
    return `#/$defs/${encodeSegment(name)}`;
  };

  /** `where`: the node's absolute location (`<doc id>#<JSON pointer>`), for messages and the tag casing. */
  const transform = (node: JsonValue, base: string, where: string): JsonValue => {
    if (Array.isArray(node) || !isObject(node)) return node;
    let here = base;
    if (typeof node.$id === 'string' && where !== rootLoc) here = new URL(node.$id, base).toString().replace(/#.*$/, '');
    const out: JsonObject = {};
    const at = (...keys: string[]) => `${where}/${keys.map(escapeSegment).join('/')}`;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-') || DROPPED_KEYWORDS.has(key)) continue;
      if (UNSUPPORTED_KEYWORDS.has(key)) throw new Error(`${where}: ${key} is not supported by the standalone schema build`);
      if (key === '$id') continue;
      if (key === '$ref' && typeof value === 'string') out.$ref = localRef(value, here, where);
      else if (SCHEMA_KEYWORDS.has(key)) out[key] = transform(value, here, at(key));
      else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v, here, at(key, k))]));
      } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value))
        out[key] = value.map((v, i) => transform(v, here, at(key, String(i))));
      else out[key] = value;
    }
    // A union tag follows the casing rule its schema declares (`x-casing`); an
    // undeclared one accepts either transform, as the CLI's matching may.
    if (tagLocations.has(where)) return withCasing(out, node['x-casing'] ?? 'tag');
    return withCasing(out, node['x-casing']);
  };

  const root = transform(rootDoc, stripHash(rootId), rootLoc) as JsonObject;
  const result: JsonObject = {};
  // Keep a readable key order: $schema, $comment, title, description, then the rest.
  result.$schema = (root.$schema as JsonValue) ?? 'https://json-schema.org/draft/2020-12/schema';
  if (input.comment) result.$comment = input.comment;
  for (const [k, v] of Object.entries(root)) if (k !== '$schema' && k !== '$defs') result[k] = v;
  const allDefs: JsonObject = { ...(isObject(root.$defs) ? root.$defs : {}) };
  for (const name of Object.keys(defs).sort()) allDefs[name] = defs[name];
  if (Object.keys(allDefs).length) result.$defs = allDefs;
  return result;
}

/** Every `$ref` of a schema (for checks: a standalone schema has only `#...` references). */
export function collectRefs(node: JsonValue, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) collectRefs(v, out);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Casing

/** The CLI's `camel_to_snake` on one value (as server/src/schema/validate.ts applies it). */
export function camelToSnake(t: string): string {
  return t
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Spellings of a canonical snake_case value that the CLI maps back to it: each
 * word lower-case, Capitalised or UPPER-case, joined with "_" or with nothing
 * (`system_assigned`, `SYSTEM_ASSIGNED`, `SystemAssigned`, `systemAssigned`,
 * `TCNForecaster`), kept when `camel_to_snake` gives the value back. Values of
 * more than six words keep the four whole-value spellings only. A
 * comma-separated value (`system_assigned,user_assigned`) is converted part
 * by part by the CLI: its parts' spellings are joined with "," or ", ".
 */
export function camelToSnakeSpellings(value: string): string[] {
  if (value.includes(',')) {
    let combos: string[] = [''];
    const parts = value.split(',');
    parts.forEach((part, i) => {
      const spellings = camelToSnakeSpellings(part);
      const seps = i === 0 ? [''] : [',', ', '];
      combos = combos.flatMap((c) => seps.flatMap((sep) => spellings.map((sp) => c + sep + sp))).slice(0, 2000);
    });
    return [...new Set([value, ...combos])];
  }
  const words = value.split('_').filter(Boolean);
  if (!words.length) return [value];
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const forms = (w: string) => [...new Set([w, cap(w), w.toUpperCase()])];
  let combos: string[][] = [[]];
  if (words.length <= 6) {
    for (const w of words) combos = combos.flatMap((c) => forms(w).map((f) => [...c, f]));
  } else {
    combos = [words, words.map((w) => w.toUpperCase()), words.map(cap), [words[0], ...words.slice(1).map(cap)]];
  }
  const candidates = new Set<string>([value]);
  for (const c of combos) for (const sep of ['_', '']) candidates.add(c.join(sep));
  return [...candidates].filter((c) => camelToSnake(c) === value);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A pattern matching `value` in any letter case (the CLI's lower-casing comparison). */
function anyCase(value: string): string {
  let out = '';
  for (const ch of value) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out += lo !== up && lo.length === 1 && up.length === 1 ? `[${escapeRegex(lo)}${escapeRegex(up)}]` : escapeRegex(ch);
  }
  return out;
}

/**
 * An enum (or const) with `x-casing`, or a union tag: keep the documented
 * values in `enum`/`const` (completion) and accept the other spellings
 * through a pattern. Union tags accept both transforms, as the CLI's matching does.
 */
function withCasing(schema: JsonObject, casing: JsonValue | undefined): JsonObject {
  // snake_to_pascal capitalises each word and drops underscores: for the one-word values it is used on, any letter case.
  if (casing === 'snakeToPascal') casing = 'lower';
  if (casing !== 'lower' && casing !== 'camelToSnake' && casing !== 'tag') return schema;
  const key = Array.isArray(schema.enum) ? 'enum' : typeof schema.const === 'string' ? 'const' : undefined;
  if (!key) return schema;
  const values = key === 'enum' ? (schema.enum as JsonValue[]) : [schema.const as string];
  if (!values.every((v) => typeof v === 'string')) return schema;
  const strings = values as string[];
  const snake = (v: string) =>
    camelToSnakeSpellings(v)
      .filter((s) => s !== v)
      .map(escapeRegex);
  const alternatives =
    casing === 'lower'
      ? strings.map(anyCase)
      : casing === 'camelToSnake'
        ? strings.flatMap(snake)
        : strings.flatMap((v) => [anyCase(v), ...snake(v)]);
  if (!alternatives.length) return schema;
  const { [key]: documented, ...rest } = schema;
  const choice: JsonValue = {
    anyOf: [{ [key]: documented }, { type: 'string', pattern: `^(?:${[...new Set(alternatives)].join('|')})$` }],
  };
  if (rest.anyOf === undefined) return { ...rest, ...choice };
  const allOf = Array.isArray(rest.allOf) ? rest.allOf : [];
  return { ...rest, allOf: [...allOf, choice] };
}

/**
 * Locations (`<doc id>#<pointer>`) of the tag property schemas of every
 * discriminated union (`discriminator.propertyName` over `oneOf` branches,
 * inline or by `$ref`), across all documents.
 */
function discriminatorTags(docs: ReadonlyMap<string, JsonValue>): Set<string> {
  const out = new Set<string>();
  const walk = (node: JsonValue, docId: string, loc: string) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, docId, `${loc}/${i}`));
    if (!isObject(node)) return;
    const tag =
      isObject(node.discriminator) && typeof node.discriminator.propertyName === 'string' ? node.discriminator.propertyName : undefined;
    if (tag && Array.isArray(node.oneOf)) {
      node.oneOf.forEach((branch, i) => {
        if (!isObject(branch)) return;
        if (typeof branch.$ref === 'string') {
          try {
            const abs = new URL(branch.$ref, docId);
            const fragment = decodeURIComponent(abs.hash.replace(/^#/, ''));
            abs.hash = '';
            out.add(`${abs.toString()}#${encodePointerSegments(fragment)}/properties/${escapeSegment(tag)}`);
          } catch {
            /* reported when the reference is bundled */
          }
        }
        out.add(`${loc}/oneOf/${i}/properties/${escapeSegment(tag)}`);
      });
    }
    for (const [k, v] of Object.entries(node)) walk(v, docId, `${loc}/${escapeSegment(k)}`);
  };
  for (const [id, doc] of docs) walk(doc, id, `${id}#`);
  return out;
}

// ---------------------------------------------------------------------------

function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stripHash(id: string): string {
  return id.replace(/#.*$/, '');
}

function pointerGet(doc: JsonValue, pointer: string): JsonValue | undefined {
  if (!pointer || pointer === '/') return doc;
  let v: JsonValue | undefined = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isObject(v)) v = Object.prototype.hasOwnProperty.call(v, seg) ? v[seg] : undefined;
    else return undefined;
  }
  return v;
}

function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A decoded fragment (`/$defs/a~1b`, pointer escapes kept) in the form locations use. */
function encodePointerSegments(fragment: string): string {
  return fragment === '' || fragment === '/' ? '' : fragment;
}

function encodeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((s, i) => (i === 0 ? s : encodeURIComponent(s).replace(/%24/g, '$')))
    .join('/');
}

/** `common.tags` for `.../defs/common.defs.json#/$defs/tags`. */
function defName(docId: string, fragment: string): string {
  const file =
    docId
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? 'schema';
  const stem = file.replace(/\.(defs|schema)\.json$|\.json$/, '');
  const parts = fragment
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .filter((s, i) => !(i === 0 && (s === '$defs' || s === 'definitions')));
  return [stem, ...parts].join('.').replace(/[^A-Za-z0-9_.-]/g, '_');
}

function uniqueName(name: string, used: Set<string>): string {
  let n = name;
  for (let i = 2; used.has(n); i++) n = `${name}_${i}`;
  used.add(n);
  return n;
}
