import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import {
  isMap,
  isSeq,
  keyText,
  nodeAtPath,
  pairAtPath,
  type ParsedFile,
  type YamlNode,
  type YamlPath,
  type YamlSection,
} from '../core/document';
import { parse as parseYamlValue } from 'yaml';
import { Severity } from '../core/types';
import { yaml11Source } from '../core/value';
import { expand, propertyNames, schemasAtPath } from './navigate';
import type { SchemaStore } from './store';

/** A schema finding before it becomes an LSP diagnostic. */
export interface SchemaProblem {
  code: SchemaCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Replacement text for a one-click fix (did-you-mean, canonical casing). */
  replacement?: { start: number; end: number; newText: string; title: string };
}

export type SchemaCode = 'unknown-key' | 'wrong-type' | 'invalid-enum' | 'missing-required' | 'invalid-value' | 'non-canonical-enum';

export const EXPRESSION = /^\s*\$\{\{[\s\S]*\}\}\s*$/;

const camelToSnakeOne = (t: string) =>
  t
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/**
 * The CLI's `camel_to_snake` (azure.ai.ml._utils.utils): a comma-separated
 * value is split, each part trimmed and converted, and the parts re-joined
 * with "," (`SystemAssigned, UserAssigned` is `system_assigned,user_assigned`).
 */
const camelToSnake = (t: string) => (t.includes(',') ? t.split(',').map((p) => camelToSnakeOne(p.trim())).join(',') : camelToSnakeOne(t));

export const CASING: Record<string, (t: string) => string> = {
  lower: (t) => t.toLowerCase(),
  camelToSnake,
};

function decodePath(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(value: unknown, path: string[]): unknown {
  let v: any = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[seg];
  }
  return v;
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
  return words.length <= 1 ? words[0] ?? 'another type' : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
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
  return path.length ? path.filter((p) => !/^\d+$/.test(p)).slice(-1)[0] ?? path.join('.') : 'the document';
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
    return [{ code: 'wrong-type', severity: Severity.Error, message: `An Azure ML ${kind} spec must be a mapping of keys to values, not ${describe(value)}.`, start: s, end: Math.max(e, s + 1) }];
  }
  if (validator(value)) return [];
  const errors = resolveUnions(store, root.base, validator.errors ?? [], value);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const rootNode = section.doc.contents;
  const candidates = new Map<unknown, string[]>();
  for (const err of errors) {
    const p = toProblem(store, root, err, value, rootNode, file, section, candidates);
    if (!p) continue;
    const key = `${p.code}:${p.start}:${p.end}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return problems;
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
    if (err.keyword === 'oneOf' && (err.params as any)?.passingSchemas) {
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
      if (v(data) || validWithRecasedType(v, data)) {
        best = { errors: [], score: -1 };
        return;
      }
      const errs = (v.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
      const rootTypeMiss = errs.some((e) => e.instancePath === prefix && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'discriminator'));
      const score = (rootTypeMiss ? 1000 : 0) + errs.length;
      if (!best || score < best.score) best = { errors: resolveUnions(store, rootId, errs, rootValue, depth + 1), score };
    });
    if (best && best.score < 1000) for (const e of best.errors) out.push(e);
    else out.push(err);
  }
  return out;
}

/**
 * The CLI compares `type` tags after lower-casing them (`Recurrence` is
 * `recurrence`); ajv's discriminator compares exactly. When a tag matches a
 * branch only after that transform, validate against that branch instead.
 */
function revalidateRecasedTag(store: SchemaStore, rootId: string, err: ErrorObject): ErrorObject[] | undefined {
  const tag: string = (err.params as any)?.tag ?? 'type';
  const data = err.data as Record<string, unknown> | undefined;
  const tagValue = data && typeof data === 'object' ? data[tag] : undefined;
  if (typeof tagValue !== 'string') return undefined;
  const branches: unknown[] = (err.parentSchema as any)?.oneOf ?? [];
  const owner = store.locate(err.parentSchema);
  const abs = owner ? `${owner}/oneOf` : absoluteSchemaPath(rootId, err.schemaPath.replace(/\/discriminator$/, '/oneOf'));
  if (!abs) return undefined;
  for (let i = 0; i < branches.length; i++) {
    const b = branches[i] as any;
    const target = b?.$ref ? store.resolve(b.$ref, abs)?.schema : b;
    const p = (target as any)?.properties?.[tag];
    const values: unknown[] = p?.const !== undefined ? [p.const] : p?.enum ?? [];
    const canonical = values.find((v) => typeof v === 'string' && (v.toLowerCase() === tagValue.toLowerCase() || CASING.camelToSnake(v) === CASING.camelToSnake(tagValue)));
    if (canonical === undefined) continue;
    const v = store.subValidator(`${abs}/${i}`);
    if (!v) return undefined;
    if (v({ ...data, [tag]: canonical })) return [];
    return (v.errors ?? []).map((e) => ({ ...e, instancePath: err.instancePath + e.instancePath }));
  }
  return undefined;
}

/** The CLI lower-cases `type` tags before matching union variants (`URI_FOLDER` is `uri_folder`). */
function validWithRecasedType(v: (data: unknown) => boolean, data: unknown): boolean {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const t = (data as Record<string, unknown>).type;
  if (typeof t !== 'string') return false;
  for (const variant of [t.toLowerCase(), CASING.camelToSnake(t)]) {
    if (variant !== t && v({ ...(data as object), type: variant })) return true;
  }
  return false;
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

function toProblem(
  store: SchemaStore,
  root: { schema: unknown; base: string },
  err: ErrorObject,
  value: unknown,
  rootNode: unknown,
  file: ParsedFile,
  section: YamlSection,
  /** Per mapping value, the property names it could still take (computed once, not per unknown key). */
  candidatesOf: Map<unknown, string[]>,
): SchemaProblem | undefined {
  const segs = decodePath(err.instancePath);
  const data = valueAt(value, segs);
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

  switch (err.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String((err.params as any).additionalProperty ?? (err.params as any).unevaluatedProperty);
      const [s, e] = keyRangeOr([...path, name]);
      let candidates = candidatesOf.get(data);
      if (!candidates) {
        const known = propertyNames(schemasAtPath(store, root as any, path, value));
        const present = new Set(Object.keys((data as object) ?? {}));
        candidates = known.filter((k) => !present.has(k));
        candidatesOf.set(data, candidates);
      }
      const suggestion = candidates.length && name.length <= 100 ? closest(name, candidates) : undefined;
      // An empty key (`: value`) is a missing name, not a typo: no guess.
      const close = name !== '' && suggestion && distance(name.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, Math.floor(suggestion.length / 3));
      const where = segs.length ? `"${label}"` : `a ${root.base.split('/').pop()!.replace('.schema.json', '')} spec`;
      return {
        code: 'unknown-key',
        severity: Severity.Warning,
        message: `Unknown key "${name}" in ${where}.${close ? ` Did you mean "${suggestion}"?` : ''}`,
        start: s,
        end: e,
        replacement: close ? { start: s, end: e, newText: suggestion!, title: `Change to "${suggestion}"` } : undefined,
      };
    }
    case 'required': {
      const missing = String((err.params as any).missingProperty);
      const [s, e] = keyRangeOr(path);
      return {
        code: 'missing-required',
        severity: Severity.Error,
        message: segs.length ? `"${label}" is missing the required key "${missing}".` : `This spec is missing the required key "${missing}".`,
        start: s,
        end: e,
      };
    }
    case 'type': {
      if (isExpr) return undefined;
      const want = ([] as string[]).concat((err.params as any).type?.split?.(',') ?? (err.params as any).type ?? []);
      const [s, e] = valueRange();
      if (data === null) {
        return { code: 'wrong-type', severity: Severity.Error, message: `"${label}" has no value; it expects ${typeList(want)}.`, start: s, end: e };
      }
      // Never repeat a secret (x-secret fields) in a message.
      const secret = (err.parentSchema as any)?.['x-secret'] && ['string', 'number', 'boolean'].includes(typeof data);
      const shown = secret ? `a ${typeof data} (****)` : describe(data);
      const word = yaml11Source(nodeAtPath(rootNode, path));
      // (An enum of strings says it better: its finding explains the boolean.)
      if (word !== undefined && want.includes('string') && !secret) {
        if (Array.isArray((err.parentSchema as any)?.enum)) return undefined;
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
    case 'enum':
    case 'const': {
      if (isExpr) return undefined;
      const allowed: unknown[] = err.keyword === 'enum' ? ((err.params as any).allowedValues ?? []) : [(err.params as any).allowedValue];
      const casing = (err.parentSchema as any)?.['x-casing'] as string | undefined;
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
      const suggestion = typeof data === 'string' && names.length ? closest(data, names) : undefined;
      const close = suggestion && typeof data === 'string' && distance(data.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, Math.floor(suggestion.length / 3));
      return {
        code: 'invalid-enum',
        severity: Severity.Error,
        message: `${describe(data).replace(/^./, (c) => c.toUpperCase())} is not allowed for "${label}". Allowed values: ${names.join(', ')}.${close ? ` Did you mean "${suggestion}"?` : ''}`,
        start: s,
        end: e,
        replacement: close ? { start: s, end: e, newText: scalarText(file.text.slice(s, e), allowed[names.indexOf(suggestion!)]), title: `Change to "${suggestion}"` } : undefined,
      };
    }
    case 'discriminator': {
      if (isExpr) return undefined;
      const tag = (err.params as any).tag ?? 'type';
      const tagValue = valueAt(value, [...segs, tag]);
      const branches: unknown[] = Array.isArray((err.parentSchema as any)?.oneOf) ? (err.parentSchema as any).oneOf : [];
      const allowed = new Set<string>();
      for (const b of branches) {
        const exp = expand(store, [{ schema: b as any, base: root.base }], undefined);
        for (const x of exp) {
          const p = (x.schema as any)?.properties?.[tag];
          if (p?.const !== undefined) allowed.add(String(p.const));
          for (const v of p?.enum ?? []) allowed.add(String(v));
        }
      }
      if (tagValue === undefined) {
        const [s, e] = keyRangeOr(path);
        return { code: 'missing-required', severity: Severity.Error, message: `"${label}" is missing the required key "${tag}" (one of ${[...allowed].join(', ')}).`, start: s, end: e };
      }
      if (typeof tagValue === 'string' && EXPRESSION.test(tagValue)) return undefined;
      const node = nodeAtPath(rootNode, [...path, tag]);
      const [s, e] = node?.range ? [node.range[0], node.range[1]] : keyRangeOr(path);
      const names = [...allowed];
      const suggestion = typeof tagValue === 'string' && names.length ? closest(tagValue, names) : undefined;
      return {
        code: 'invalid-enum',
        severity: Severity.Error,
        message: `${describe(tagValue).replace(/^./, (c) => c.toUpperCase())} is not a valid "${tag}" here. Allowed values: ${names.join(', ')}.`,
        start: s,
        end: Math.max(e, s + 1),
        replacement: suggestion ? { start: s, end: e, newText: suggestion, title: `Change to "${suggestion}"` } : undefined,
      };
    }
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'not': {
      if (err.keyword === 'if') return undefined;
      if (isExpr) return undefined;
      const [s, e] = segs.length && data !== null && typeof data !== 'object' ? valueRange() : keyRangeOr(path);
      return { code: 'wrong-type', severity: Severity.Error, message: `"${label}" does not have any of the accepted forms.`, start: s, end: e };
    }
    default: {
      if (isExpr) return undefined;
      const [s, e] = valueRange();
      return { code: 'invalid-value', severity: Severity.Error, message: `"${label}" ${err.message ?? 'is not valid'}.`, start: s, end: e };
    }
  }
}
