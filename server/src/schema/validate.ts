import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import {
  isMap,
  isSeq,
  nodeAtPath,
  pairAtPath,
  type ParsedFile,
  type YamlNode,
  type YamlPath,
  type YamlSection,
  valueAtPath,
} from '../core/document';
import { parse as parseYamlValue } from 'yaml';
import { Severity } from '../core/types';
import { yaml11Source } from '../core/value';
import { expand, propertyNames, schemasAtPath } from './navigate';
import type { JsonSchema, SchemaRef, SchemaStore } from './store';
import { kindInfo, kindPhrase, type FieldPath } from '../core/kinds';
import { CHECKS_BY_CODE, type CHECK_CODES } from './checks';
import { CASING } from '../core/casing';
import { EXPRESSION } from '../core/scalars';

/** A schema finding before it becomes an LSP diagnostic. */
export interface SchemaProblem {
  code: SchemaCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Replacement text for a one-click fix (did-you-mean, canonical casing). */
  replacement?: {
    start: number;
    end: number;
    newText: string;
    title: string;
    /** false: offered, never applied by fix-all or --fix. */ preferred?: boolean;
  };
}

/** The codes of what the schema itself reports. */
export const SCHEMA_FINDING_CODES = [
  'unknown-key',
  'wrong-type',
  'invalid-enum',
  'missing-required',
  'invalid-value',
  'non-canonical-enum',
] as const;

/** The schema codes, and the codes of the loader's built-in checks (`checks.ts`). */
export type SchemaCode = (typeof SCHEMA_FINDING_CODES)[number] | (typeof CHECK_CODES)[number];

/** A whole-value documentation placeholder (`<ENDPOINT_NAME>`, `{{name}}`). */
const PLACEHOLDER = /^\s*(<[^<>\n]+>|\{\{[^{}\n]+\}\})\s*$/;

function decodePath(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toYamlPath(root: unknown, segs: string[]): YamlPath {
  // Array indices arrive as strings; the tree walk needs numbers for sequences.
  const out: YamlPath = [];
  let node = root as YamlNode | undefined;
  for (const seg of segs) {
    if (isSeq(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node.items[Number(seg)] as YamlNode | undefined;
    } else {
      out.push(seg);
      node = isMap(node) ? (nodeAtPath(node, [seg]) as YamlNode | undefined) : undefined;
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the boolean'} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  null: 'an empty value',
};

function typeList(types: string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'another type') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * YAML text for a replacement value: keeps the quotes of the text it replaces,
 * and quotes a string that would otherwise read as another type (`'true'`).
 */
function scalarText(replaced: string, value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const quote = replaced.trimStart()[0];
  if (quote === '"') return JSON.stringify(value);
  const single = `'${value.replace(/'/g, "''")}'`;
  if (quote === "'") return single;
  let plain: unknown;
  try {
    plain = parseYamlValue(value);
  } catch {
    plain = undefined;
  }
  return plain === value ? value : single;
}

function keyLabel(path: string[]): string {
  return path.length ? (path.filter((p) => !/^\d+$/.test(p)).slice(-1)[0] ?? path.join('.')) : 'the document';
}

/** marshmallow's `Boolean` strings and numbers (its default truthy and falsy sets). */
const LOADER_TRUE = new Set(['t', 'T', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'y', 'Y', 'yes', 'Yes', 'YES', '1']);
const LOADER_FALSE = new Set(['f', 'F', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', 'n', 'N', 'no', 'No', 'NO', '0']);

/** The value marshmallow's Integer (not strict) makes of a string: Python's int(). */
function loaderInt(v: string): number | undefined {
  const t = v.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
  const n = Number(t.replace(/_/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The value marshmallow's Float makes of a string: Python's float(), without nan and infinity. */
function loaderFloat(v: string): number | undefined {
  const t = v.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** What the loader's field of the expected types makes of a value it converts; undefined when it does not. */
function loaderConversion(data: unknown, want: string[]): { value: unknown } | undefined {
  if (typeof data === 'string' && !EXPRESSION.test(data)) {
    if (want.includes('integer')) {
      const n = loaderInt(data);
      if (n !== undefined) return { value: n };
    }
    if (want.includes('number')) {
      const n = loaderFloat(data);
      if (n !== undefined) return { value: n };
    }
    if (want.includes('boolean') && (LOADER_TRUE.has(data) || LOADER_FALSE.has(data))) return { value: LOADER_TRUE.has(data) };
  }
  if (typeof data === 'number') {
    // Integer (not strict) truncates a float; Boolean takes 1 and 0.
    if (want.includes('integer') && Number.isFinite(data)) return { value: Math.trunc(data) };
    if (want.includes('boolean') && (data === 1 || data === 0)) return { value: data === 1 };
  }
  return undefined;
}

/**
 * A copy of the value with every `type` error the loader would not raise
 * converted the way the loader converts it; undefined when there is none.
 */
function coerceLikeLoader(value: unknown, errors: ErrorObject[]): unknown | undefined {
  let copy: unknown;
  for (const err of errors) {
    if (err.keyword !== 'type') continue;
    const want: string[] = ([] as string[]).concat(err.params.type?.split?.(',') ?? err.params.type ?? []);
    const segs = decodePath(err.instancePath);
    const conversion = loaderConversion(valueAtPath(copy ?? value, segs), want);
    if (!conversion) continue;
    if (!segs.length) continue;
    copy ??= structuredClone(value);
    const parent = valueAtPath(copy, segs.slice(0, -1));
    if (parent && typeof parent === 'object') (parent as Record<string, unknown>)[segs[segs.length - 1]] = conversion.value;
  }
  return copy;
}

/** The closest known key to a misspelt one, when it is close enough to be a typo. */
function didYouMean(name: string, known: string[]): string | undefined {
  if (!known.length) return undefined;
  const suggestion = closest(name, known);
  return distance(name.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, Math.floor(suggestion.length / 3)) ? suggestion : undefined;
}

/** The offsets that delete a whole `key: value` entry of a block mapping (its lines), or undefined for flow mappings. */
function pairRemoval(text: string, pair: { key?: unknown; value?: unknown } | undefined): { start: number; end: number } | undefined {
  const key = pair?.key as YamlNode | undefined;
  if (!key?.range) return undefined;
  const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  if (text.slice(lineStart, key.range[0]).trim() !== '') return undefined;
  const value = pair?.value as YamlNode | undefined;
  const last = value?.range ? Math.max(value.range[1], key.range[1]) : key.range[1];
  let before = last;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  const nl = text.indexOf('\n', before);
  return { start: lineStart, end: nl < 0 ? text.length : nl + 1 };
}

/**
 * A value outside the allowed ones: the allowed values (when there are any),
 * a did-you-mean with its fix for a near miss, and for a value that differs
 * only in case the reason: the loader compares this field exactly.
 */
function invalidValueProblem(data: unknown, label: string, allowed: unknown[], s: number, e: number, text: string): SchemaProblem {
  const names = allowed.map((a) => String(a));
  const shown = describe(data).replace(/^./, (c) => c.toUpperCase());
  const listed = names.length ? ` Allowed values: ${names.join(', ')}.` : '';
  const sameLetters = typeof data === 'string' ? names.find((n) => n.toLowerCase() === data.toLowerCase()) : undefined;
  const suggestion = sameLetters ?? (typeof data === 'string' && names.length ? closest(data, names) : undefined);
  const close =
    suggestion !== undefined &&
    typeof data === 'string' &&
    distance(data.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, Math.floor(suggestion.length / 3));
  const fix = close
    ? { start: s, end: e, newText: scalarText(text.slice(s, e), allowed[names.indexOf(suggestion!)]), title: `Change to "${suggestion}"` }
    : undefined;
  if (sameLetters !== undefined) {
    return {
      code: 'invalid-enum',
      severity: Severity.Error,
      message: `${shown} is not allowed for "${label}": the CLI compares it exactly, so the case matters. Write "${sameLetters}".`,
      start: s,
      end: e,
      replacement: fix,
    };
  }
  return {
    code: 'invalid-enum',
    severity: Severity.Error,
    message: `${shown} is not allowed for "${label}".${listed}${close ? ` Did you mean "${suggestion}"?` : ''}`,
    start: s,
    end: e,
    replacement: fix,
  };
}

/** Validates one document against its kind's schema and returns precise problems. */
export function validateSection(store: SchemaStore, kind: string, section: YamlSection, file: ParsedFile): SchemaProblem[] {
  const validator = store.validator(kind);
  const root = store.root(kind);
  const value = section.value;
  if (!validator || !root || value === undefined) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const node = section.doc.contents as YamlNode | null;
    const [s, e] = node?.range ? [node.range[0], node.range[1]] : [section.start, section.start + 1];
    const phrase = kindPhrase(kind);
    return [
      {
        code: 'wrong-type',
        severity: Severity.Error,
        message: `${phrase[0].toUpperCase()}${phrase.slice(1)} spec must be a mapping of keys to values, not ${describe(value)}.`,
        start: s,
        end: Math.max(e, s + 1),
      },
    ];
  }
  return [...schemaProblems(store, kind, section, file, validator, root), ...checkProblems(kind, section, file)];
}

function schemaProblems(
  store: SchemaStore,
  kind: string,
  section: YamlSection,
  file: ParsedFile,
  validator: NonNullable<ReturnType<SchemaStore['validator']>>,
  root: SchemaRef,
): SchemaProblem[] {
  const value = section.value;
  if (validator(value)) return [];
  // The loader's marshmallow fields convert what they can (Int and Float take
  // numeric strings, Boolean takes "yes"/"true"/1...): validate again with
  // those values converted, so only what the loader rejects is reported.
  let checked: unknown = value;
  let rawErrors = validator.errors ?? [];
  for (let round = 0; round < 4; round++) {
    const coerced = coerceLikeLoader(checked, rawErrors);
    if (!coerced) break;
    checked = coerced;
    if (validator(checked)) return [];
    rawErrors = validator.errors ?? [];
  }
  const errors = resolveUnions(store, root.base, rawErrors, checked);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const rootNode = section.doc.contents;
  const candidates = new Map<unknown, { known: string[]; present: Set<string> }>();
  for (const err of errors) {
    const p = toProblem(store, root, kind, err, checked, rootNode, file, section, candidates);
    if (!p) continue;
    const key = `${p.code}:${p.start}:${p.end}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return problems;
}

/** Concrete paths of a value that match a registry path (`*`: every key of a map, `[]`: every item of a list). */
function concretePaths(value: unknown, pattern: FieldPath): string[][] {
  let paths: string[][] = [[]];
  for (const seg of pattern) {
    const next: string[][] = [];
    for (const p of paths) {
      const v = valueAtPath(value, p);
      if (v === null || typeof v !== 'object') continue;
      if (seg === '*' || seg === '[]') {
        if (Array.isArray(v) !== (seg === '[]')) continue;
        for (const k of Object.keys(v)) next.push([...p, k]);
      } else if (!Array.isArray(v) && seg in (v as object)) next.push([...p, seg]);
    }
    paths = next;
  }
  return paths;
}

/** The loader's built-in checks (`x-check` places of the kind) on one document. */
function checkProblems(kind: string, section: YamlSection, file: ParsedFile): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const value = section.value;
  const rootNode = section.doc.contents;
  for (const place of kindInfo(kind)?.checks ?? []) {
    const check = CHECKS_BY_CODE.get(place.code);
    if (!check?.run) continue;
    for (const path of concretePaths(value, place.path)) {
      for (const finding of check.run(valueAtPath(value, path))) {
        const at = toYamlPath(rootNode, finding.child ? [...path, finding.child] : path);
        const key = (pairAtPath(rootNode, at)?.key ?? (at.length === 0 && isMap(rootNode) ? rootNode.items[0]?.key : undefined)) as
          YamlNode | undefined;
        const [start, end] = key?.range ? [key.range[0], key.range[1]] : [section.start, Math.min(section.end, section.start + 1)];
        out.push({ code: place.code as SchemaCode, severity: Severity.Error, message: finding.message, start, end });
      }
    }
  }
  void file;
  return out;
}

/**
 * Replaces the errors of a failed anyOf/oneOf by those of its most plausible
 * branch (the one whose type fits and that fails least), so users see "bad
 * enum value in mode" rather than "does not match any schema".
 */
function resolveUnions(store: SchemaStore, rootId: string, errors: ErrorObject[], rootValue: unknown, depth = 0): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const err of errors) {
    if (err.keyword === 'discriminator' && depth <= 6) {
      const recased = revalidateRecasedTag(store, rootId, err);
      if (recased) {
        for (const e of resolveUnions(store, rootId, recased, rootValue, depth + 1)) out.push(e);
        continue;
      }
    }
    if (err.keyword !== 'anyOf' && err.keyword !== 'oneOf') {
      out.push(err);
      continue;
    }
    const prefix = err.instancePath;
    // Branch errors precede the union error and sit at or below its path.
    while (out.length && isUnder(out[out.length - 1].instancePath, prefix)) out.pop();
    if (err.keyword === 'oneOf' && err.params.passingSchemas) {
      out.push(err); // matched several branches: a schema ambiguity, reported as is
      continue;
    }
    const branches = Array.isArray(err.schema) ? (err.schema as unknown[]) : [];
    const data = err.data;
    let best: { errors: ErrorObject[]; score: number } | undefined;
    const owner = store.locate(err.parentSchema);
    const abs = owner ? `${owner}/${err.keyword}` : absoluteSchemaPath(rootId, err.schemaPath);
    branches.forEach((_, i) => {
      const v = abs ? store.subValidator(`${abs}/${i}`) : undefined;
      if (!v || depth > 6) return;
      if (v(data) || validWithRecasedType(store, { schema: branches[i] as JsonSchema, base: abs!.split('#')[0] }, v, data)) {
        best = { errors: [], score: -1 };
        return;
      }
      const errs = (v.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
      const rootTypeMiss = errs.some(
        (e) => e.instancePath === prefix && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'discriminator'),
      );
      // A propertyNames failure comes with its inner error: count it once.
      // A branch that misses one of its own required keys fits less than one that has them: half a point more.
      const missesOwnKey = errs.filter((e) => e.keyword === 'required' && e.instancePath === prefix).length * 0.5;
      const score =
        (rootTypeMiss ? 1000 : 0) + missesOwnKey + errs.filter((e) => e.propertyName === undefined || e.keyword === 'propertyNames').length;
      if (!best || score < best.score) best = { errors: resolveUnions(store, rootId, errs, rootValue, depth + 1), score };
    });
    if (best && best.score < 1000) for (const e of best.errors) out.push(e);
    else out.push(err);
  }
  return out;
}

/**
 * The canonical spelling of a union tag that matches one of the branch's
 * allowed tag values only after the casing transform that value's schema
 * declares (`x-casing` of `properties[tag]`, in the branch or in any union
 * below it); undefined when none does or the loader compares exactly (job,
 * component and datastore `type`, AutoML `task`, component input types).
 */
function recasedTag(store: SchemaStore, branch: SchemaRef, tag: string, value: string): string | undefined {
  for (const s of expand(store, [branch], undefined)) {
    const p = typeof s.schema === 'object' ? s.schema.properties?.[tag] : undefined;
    if (p === undefined) continue;
    for (const ps of expand(store, [{ schema: p, base: s.base }], undefined)) {
      const x = typeof ps.schema === 'object' ? ps.schema : undefined;
      if (!x) continue;
      const casing = typeof x['x-casing'] === 'string' ? CASING[x['x-casing']] : undefined;
      if (!casing) continue;
      const values: unknown[] = x.const !== undefined ? [x.const] : Array.isArray(x.enum) ? x.enum : [];
      const hit = values.find((v) => typeof v === 'string' && v !== value && casing(v) === casing(value));
      if (typeof hit === 'string') return hit;
    }
  }
  return undefined;
}

/** The tag values (const/enum) a branch accepts, over every schema it brings. */
function tagValuesOf(store: SchemaStore, branch: SchemaRef, tag: string): unknown[] {
  const out: unknown[] = [];
  for (const s of expand(store, [branch], undefined)) {
    const p = typeof s.schema === 'object' ? s.schema.properties?.[tag] : undefined;
    if (p === undefined) continue;
    for (const ps of expand(store, [{ schema: p, base: s.base }], undefined)) {
      const x = typeof ps.schema === 'object' ? ps.schema : undefined;
      for (const v of x?.const !== undefined ? [x.const] : Array.isArray(x?.enum) ? x.enum : []) if (!out.includes(v)) out.push(v);
    }
  }
  return out;
}

/**
 * The loader transforms some tags before matching a variant (compute `type`
 * is lower-cased, `identity.type` goes through camel_to_snake); ajv's
 * discriminator compares exactly. When a tag matches a branch only after the
 * transform that branch declares, validate against that branch instead.
 */
function revalidateRecasedTag(store: SchemaStore, rootId: string, err: ErrorObject): ErrorObject[] | undefined {
  const tag: string = err.params.tag ?? 'type';
  const data = err.data as Record<string, unknown> | undefined;
  const tagValue = data && typeof data === 'object' ? data[tag] : undefined;
  if (typeof tagValue !== 'string') return undefined;
  const branches: unknown[] = err.parentSchema?.oneOf ?? [];
  const owner = store.locate(err.parentSchema);
  const abs = owner ? `${owner}/oneOf` : absoluteSchemaPath(rootId, err.schemaPath.replace(/\/discriminator$/, '/oneOf'));
  if (!abs) return undefined;
  const base = abs.split('#')[0];
  for (let i = 0; i < branches.length; i++) {
    const canonical = recasedTag(store, { schema: branches[i] as JsonSchema, base }, tag, tagValue);
    if (canonical === undefined) continue;
    const v = store.subValidator(`${abs}/${i}`);
    if (!v) return undefined;
    if (v({ ...data, [tag]: canonical })) return [];
    return (v.errors ?? []).map((e) => ({ ...e, instancePath: err.instancePath + e.instancePath }));
  }
  return undefined;
}

/** Whether a union branch accepts the value once its `type` is transformed the way the branch declares (`x-casing`). */
function validWithRecasedType(store: SchemaStore, branch: SchemaRef, v: (data: unknown) => boolean, data: unknown): boolean {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const t = (data as Record<string, unknown>).type;
  if (typeof t !== 'string') return false;
  const canonical = recasedTag(store, branch, 'type', t);
  return canonical !== undefined && v({ ...(data as object), type: canonical });
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

function absoluteSchemaPath(rootId: string, schemaPath: string): string | undefined {
  try {
    return new URL(schemaPath, rootId).toString();
  } catch {
    return undefined;
  }
}

/** Per mapping value, the property names its schemas know and the keys it has. */
type CandidatesOf = Map<unknown, { known: string[]; present: Set<string> }>;

/** One ajv error where it points in the document: what each keyword's problem is made from. */
interface ErrorSite {
  store: SchemaStore;
  root: SchemaRef;
  kind: string;
  err: ErrorObject;
  value: unknown;
  rootNode: unknown;
  file: ParsedFile;
  section: YamlSection;
  segs: string[];
  data: unknown;
  isExpr: boolean;
  path: YamlPath;
  label: string;
  /** The value's range (the key's when it has no node). */
  valueRange: () => [number, number];
  /** The key's range at a path, or its nearest ancestor's. */
  keyRangeOr: (p: YamlPath) => [number, number];
}

function toProblem(
  store: SchemaStore,
  root: SchemaRef,
  kind: string,
  err: ErrorObject,
  value: unknown,
  rootNode: unknown,
  file: ParsedFile,
  section: YamlSection,
  /** Per mapping value, the property names its schemas know and the keys it has (computed once, not per unknown key). */
  candidatesOf: CandidatesOf,
): SchemaProblem | undefined {
  const segs = decodePath(err.instancePath);
  const data = valueAtPath(value, segs);
  const isExpr = typeof data === 'string' && EXPRESSION.test(data);
  const path = toYamlPath(rootNode, segs);
  const label = keyLabel(segs);
  const valueRange = (): [number, number] => {
    const node = nodeAtPath(rootNode, path);
    if (node?.range) return [node.range[0], Math.max(node.range[1], node.range[0] + 1)];
    return keyRangeOr(path);
  };
  const keyRangeOr = (p: YamlPath): [number, number] => {
    const pair = pairAtPath(rootNode, p);
    const k = pair?.key as YamlNode | undefined;
    if (k?.range) return [k.range[0], k.range[1]];
    if (p.length === 0) {
      // The document itself: point at its first key, never the whole document.
      const first = isMap(rootNode) ? (rootNode.items[0]?.key as YamlNode | undefined) : undefined;
      if (first?.range) return [first.range[0], first.range[1]];
      return [section.start, Math.min(section.end, section.start + 1)];
    }
    return keyRangeOr(p.slice(0, -1));
  };
  const site: ErrorSite = {
    store,
    root,
    kind,
    err,
    value,
    rootNode,
    file,
    section,
    segs,
    data,
    isExpr,
    path,
    label,
    valueRange,
    keyRangeOr,
  };

  // The inner error of a `propertyNames` failure: reported once, as an unknown key (below).
  if (err.propertyName !== undefined && err.keyword !== 'propertyNames') return undefined;
  switch (err.keyword) {
    case 'propertyNames':
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return unknownKeyProblem(site, candidatesOf);
    case 'required':
      return requiredProblem(site);
    case 'type':
      return typeProblem(site);
    case 'enum':
    case 'const':
      return enumProblem(site);
    case 'discriminator':
      return discriminatorProblem(site);
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'not':
      return alternativesProblem(site);
    default:
      return otherProblem(site);
  }
}

/** An unknown key: did-you-mean, or the removal of a misspelt repeat of a key the mapping has. */
function unknownKeyProblem(site: ErrorSite, candidatesOf: CandidatesOf): SchemaProblem | undefined {
  const { store, root, kind, err, value, rootNode, file, segs, data, path, label, keyRangeOr } = site;
  const name = String(err.params.additionalProperty ?? err.params.unevaluatedProperty ?? err.params.propertyName);
  const [s, e] = keyRangeOr([...path, name]);
  // Per mapping, once (not per unknown key: 10,000 unknown keys are not quadratic).
  let names = candidatesOf.get(data);
  if (!names)
    candidatesOf.set(
      data,
      (names = { known: propertyNames(schemasAtPath(store, root, path, value)), present: new Set(Object.keys((data as object) ?? {})) }),
    );
  const { known, present } = names;
  const suggestion = name === '' || name.length > 100 ? undefined : didYouMean(name, known);
  const where = segs.length ? `"${label}"` : `${kindPhrase(kind)} spec`;
  const base = { code: 'unknown-key' as const, severity: Severity.Error, start: s, end: e };
  if (!suggestion) return { ...base, message: `Unknown key "${name}" in ${where}; the CLI rejects keys it does not know.` };
  if (!present.has(suggestion)) {
    return {
      ...base,
      message: `Unknown key "${name}" in ${where}. Did you mean "${suggestion}"?`,
      replacement: { start: s, end: e, newText: suggestion, title: `Change to "${suggestion}"` },
    };
  }
  // A misspelling of a key the mapping already has: renaming would repeat the key.
  const removal = pairRemoval(file.text, pairAtPath(rootNode, [...path, name]));
  return {
    ...base,
    message: `Unknown key "${name}" in ${where}. Did you mean "${suggestion}"? It is already set here: keep one of the two.`,
    replacement: removal ? { ...removal, newText: '', title: `Remove "${name}" (keep "${suggestion}")`, preferred: false } : undefined,
  };
}

/** A missing required key, on the key of its mapping. */
function requiredProblem(site: ErrorSite): SchemaProblem | undefined {
  const { err, segs, path, label, keyRangeOr } = site;
  const missing = String(err.params.missingProperty);
  const [s, e] = keyRangeOr(path);
  return {
    code: 'missing-required',
    severity: Severity.Error,
    message: segs.length ? `"${label}" is missing the required key "${missing}".` : `This spec is missing the required key "${missing}".`,
    start: s,
    end: e,
  };
}

/** A value of the wrong type (YAML 1.1 booleans explained; secrets never shown). */
function typeProblem(site: ErrorSite): SchemaProblem | undefined {
  const { err, rootNode, data, isExpr, path, label, valueRange } = site;
  if (isExpr) return undefined;
  const want = ([] as string[]).concat(err.params.type?.split?.(',') ?? err.params.type ?? []);
  const [s, e] = valueRange();
  if (data === null) {
    return {
      code: 'wrong-type',
      severity: Severity.Error,
      message: `"${label}" has no value; it expects ${typeList(want)}.`,
      start: s,
      end: e,
    };
  }
  // Never repeat a secret (x-secret fields) in a message.
  const secret = err.parentSchema?.['x-secret'] && ['string', 'number', 'boolean'].includes(typeof data);
  const shown = secret ? `a ${typeof data} (****)` : describe(data);
  const word = yaml11Source(nodeAtPath(rootNode, path));
  // (An enum of strings says it better: its finding explains the boolean.)
  if (word !== undefined && want.includes('string') && !secret) {
    if (Array.isArray(err.parentSchema?.enum)) return undefined;
    // `yes`/`no`/`on`/`off`: a boolean to PyYAML, which the CLI reads YAML with (YAML 1.1).
    return {
      code: 'wrong-type',
      severity: Severity.Error,
      message: `"${label}" expects ${typeList(want)}, but the Azure ML CLI reads YAML 1.1, where ${word} is the boolean ${String(data)}: quote it ('${word}') to write the word.`,
      start: s,
      end: e,
      replacement: { start: s, end: e, newText: `'${word}'`, title: `Quote it: '${word}'` },
    };
  }
  return { code: 'wrong-type', severity: Severity.Error, message: `"${label}" expects ${typeList(want)}, not ${shown}.`, start: s, end: e };
}

/** A value outside an enum or const: non-canonical casing as a hint, YAML 1.1 booleans explained, else did-you-mean. */
function enumProblem(site: ErrorSite): SchemaProblem | undefined {
  const { err, rootNode, file, data, isExpr, path, label, valueRange } = site;
  if (isExpr) return undefined;
  const allowed: unknown[] = err.keyword === 'enum' ? (err.params.allowedValues ?? []) : [err.params.allowedValue];
  const casing = err.parentSchema?.['x-casing'] as string | undefined;
  const [s, e] = valueRange();
  if (casing && typeof data === 'string' && CASING[casing]) {
    const t = CASING[casing];
    const canonical = allowed.find((a) => typeof a === 'string' && t(a) === t(data));
    if (canonical !== undefined) {
      return {
        code: 'non-canonical-enum',
        severity: Severity.Hint,
        message: `"${data}" is accepted for "${label}"; the documented spelling is "${canonical}".`,
        start: s,
        end: e,
        replacement: { start: s, end: e, newText: scalarText(file.text.slice(s, e), canonical), title: `Write "${canonical}"` },
      };
    }
  }
  const names = allowed.map((a) => String(a));
  const word = typeof data === 'boolean' ? yaml11Source(nodeAtPath(rootNode, path)) : undefined;
  if (word !== undefined) {
    // `public_network_access: on`: the CLI reads the boolean true (YAML 1.1), not a string.
    const meant = names.find((n) => n.toLowerCase() === (data ? 'enabled' : 'disabled'));
    return {
      code: 'invalid-enum',
      severity: Severity.Error,
      message: `The Azure ML CLI reads YAML 1.1, where ${word} is the boolean ${String(data)}, which is not allowed for "${label}". Allowed values: ${names.join(', ')}.${meant ? ` Did you mean "${meant}"?` : ''}`,
      start: s,
      end: e,
      replacement: meant ? { start: s, end: e, newText: meant, title: `Change to "${meant}"` } : undefined,
    };
  }
  return invalidValueProblem(data, label, allowed, s, e, file.text);
}

/** A union tag (`type`) missing or with no branch. */
function discriminatorProblem(site: ErrorSite): SchemaProblem | undefined {
  const { store, root, err, value, rootNode, file, segs, isExpr, path, label, keyRangeOr } = site;
  if (isExpr) return undefined;
  const tag = err.params.tag ?? 'type';
  const tagValue = valueAtPath(value, [...segs, tag]);
  const branches: unknown[] = Array.isArray(err.parentSchema?.oneOf) ? err.parentSchema.oneOf : [];
  const base = store.locate(err.parentSchema)?.split('#')[0] ?? root.base;
  const allowed: unknown[] = [];
  for (const b of branches)
    for (const v of tagValuesOf(store, { schema: b as JsonSchema, base }, tag)) if (!allowed.includes(v)) allowed.push(v);
  if (tagValue === undefined) {
    const [s, e] = keyRangeOr(path);
    const oneOf = allowed.length ? ` (one of ${allowed.map(String).join(', ')})` : '';
    return {
      code: 'missing-required',
      severity: Severity.Error,
      message: `"${label}" is missing the required key "${tag}"${oneOf}.`,
      start: s,
      end: e,
    };
  }
  if (typeof tagValue === 'string' && EXPRESSION.test(tagValue)) return undefined;
  const node = nodeAtPath(rootNode, [...path, tag]);
  const [s, e] = node?.range ? [node.range[0], node.range[1]] : keyRangeOr(path);
  return invalidValueProblem(tagValue, tag, allowed, s, Math.max(e, s + 1), file.text);
}

/** A value that matches none of the forms of an anyOf/oneOf/not. */
function alternativesProblem(site: ErrorSite): SchemaProblem | undefined {
  const { err, segs, data, isExpr, path, label, valueRange, keyRangeOr } = site;
  if (err.keyword === 'if') return undefined;
  if (isExpr) return undefined;
  const [s, e] = segs.length && data !== null && typeof data !== 'object' ? valueRange() : keyRangeOr(path);
  return { code: 'wrong-type', severity: Severity.Error, message: `"${label}" does not have any of the accepted forms.`, start: s, end: e };
}

/** Every other keyword (pattern, format, limits): the schema's description of the value when it has one. */
function otherProblem(site: ErrorSite): SchemaProblem | undefined {
  const { err, data, isExpr, label, valueRange } = site;
  if (isExpr) return undefined;
  const [s, e] = valueRange();
  // A documentation placeholder (<ENDPOINT_NAME>) is unreplaced-placeholder's finding, not a bad value.
  if (err.keyword === 'pattern' && typeof data === 'string' && PLACEHOLDER.test(data)) return undefined;
  const described = err.keyword === 'pattern' ? err.parentSchema?.['x-pattern-description'] : undefined;
  const renamed = err.parentSchema?.['x-check'];
  const code: SchemaCode =
    typeof renamed === 'string' && CHECKS_BY_CODE.has(renamed) && !CHECKS_BY_CODE.get(renamed)!.run
      ? (renamed as SchemaCode)
      : 'invalid-value';
  if (typeof described === 'string') {
    return { code, severity: Severity.Error, message: `"${label}" must be ${described}, not ${describe(data)}.`, start: s, end: e };
  }
  if (err.keyword === 'minLength' && err.params.limit === 1)
    return {
      code: 'invalid-value',
      severity: Severity.Error,
      message: `"${label}" is empty; the CLI needs a value here.`,
      start: s,
      end: e,
    };
  return { code: 'invalid-value', severity: Severity.Error, message: `"${label}" ${err.message ?? 'is not valid'}.`, start: s, end: e };
}
