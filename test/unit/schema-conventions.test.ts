import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { childSchemas, expand } from '../../server/src/schema/navigate';
import type { SchemaRef } from '../../server/src/schema/store';
import { CASING_NAMES } from '../../server/src/core/casing';
import { service } from '../helpers';

/**
 * Conventions of schemas/README.md that carry the loader's behaviour: every
 * enum says how the loader compares it, every object says what the loader
 * does with keys it does not know.
 */

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function schemaFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? schemaFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
}

function walkSchema(node: unknown, where: string, fn: (node: Obj, where: string) => void, inProperties = false): void {
  if (Array.isArray(node)) return node.forEach((x, i) => walkSchema(x, `${where}/${i}`, fn));
  if (!isObj(node)) return;
  if (!inProperties) fn(node, where);
  for (const [k, v] of Object.entries(node)) {
    // `if` only tests values (its const/enum are conditions, not the field's allowed values).
    if (k === 'x-kind' || k === 'examples' || k === 'default' || k === 'const' || k === 'enum' || k === 'if') continue;
    walkSchema(v, `${where}/${k}`, fn, !inProperties && (k === 'properties' || k === '$defs' || k === 'patternProperties'));
  }
}

describe('schema conventions', () => {
  const store = service().store;
  const files = schemaFiles(store.dir);

  test('every enum of strings says how the loader compares it (x-casing)', () => {
    const missing: string[] = [];
    for (const f of files) {
      walkSchema(JSON.parse(fs.readFileSync(f, 'utf8')), path.relative(store.dir, f), (node, where) => {
        const values = Array.isArray(node.enum) ? node.enum : typeof node.const === 'string' ? [node.const] : [];
        if (!values.some((v: unknown) => typeof v === 'string')) return;
        if (!CASING_NAMES.includes(node['x-casing'])) missing.push(`${where}: x-casing ${JSON.stringify(node['x-casing'])}`);
      });
    }
    assert.deepEqual(missing, []);
  });

  test('x-unknown is "include" or "exclude", on objects that accept unknown keys', () => {
    const bad: string[] = [];
    for (const f of files) {
      walkSchema(JSON.parse(fs.readFileSync(f, 'utf8')), path.relative(store.dir, f), (node, where) => {
        if (!('x-unknown' in node)) return;
        if (!['include', 'exclude'].includes(node['x-unknown'])) bad.push(`${where}: x-unknown ${JSON.stringify(node['x-unknown'])}`);
        if (node.additionalProperties === false || node.unevaluatedProperties === false) bad.push(`${where}: x-unknown on a closed object`);
      });
    }
    assert.deepEqual(bad, []);
  });

  test('every object of every kind is closed (the loader rejects unknown keys) or declares that the loader accepts them', () => {
    const undecided = new Set<string>();
    const seen = new Set<string>();
    const ids = new WeakMap<object, number>();
    let next = 0;
    const idOf = (o: object) => {
      if (!ids.has(o)) ids.set(o, next++);
      return ids.get(o)!;
    };
    const visit = (refs: SchemaRef[], where: string, depth: number) => {
      const expanded = expand(store, refs, undefined);
      const key = expanded
        .map((r) => (isObj(r.schema) ? idOf(r.schema) : String(r.schema)))
        .sort()
        .join(',');
      if (seen.has(key) || depth > 10) return;
      seen.add(key);
      const schemas = expanded.map((r) => r.schema).filter(isObj);
      const names = new Set(schemas.flatMap((s) => (isObj(s.properties) ? Object.keys(s.properties) : [])));
      if (names.size) {
        const closed = schemas.some((s) => s.additionalProperties === false || s.unevaluatedProperties === false);
        const declared = schemas.some((s) => s['x-unknown'] === 'include' || s['x-unknown'] === 'exclude');
        const map = schemas.some((s) => isObj(s.additionalProperties) || isObj(s.patternProperties));
        if (!closed && !declared && !map) undecided.add(where);
      }
      for (const name of names) visit(childSchemas(expanded, name), `${where}.${name}`, depth + 1);
      if (schemas.some((s) => isObj(s.additionalProperties))) visit(childSchemas(expanded, '\u0000any'), `${where}.*`, depth + 1);
      if (schemas.some((s) => isObj(s.items))) visit(childSchemas(expanded, 0), `${where}[]`, depth + 1);
    };
    for (const kind of store.kinds()) visit([store.root(kind)!], kind, 0);
    assert.deepEqual([...undecided].sort(), []);
  });
});
