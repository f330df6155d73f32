#!/usr/bin/env node
// Writes server/src/core/kinds.generated.ts, the typed kind registry, from the
// schemas: every `schemas/<kind>.schema.json` is one kind, described by its
// root `x-kind` annotation (title, family, $schema names, loader, detection
// rules, starter, secret advice) and by the field annotations found under it
// (`x-reference`, `x-secret`, `x-identity`, `x-cli-supplied`, `x-check`). Run by the
// build; writes only when something changed. `--check` exits 1 when the
// committed file is stale (test/unit/kind-registry.test.ts runs it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonFilesUnder } from './lib/files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = path.join(root, 'schemas');
const outFile = path.join(root, 'server', 'src', 'core', 'kinds.generated.ts');

const FAMILIES = ['workspace', 'compute', 'job', 'component', 'asset', 'endpoint', 'deployment', 'datastore', 'other'];
const CATEGORIES = ['compute', 'environment', 'data', 'model', 'component', 'datastore', 'endpoint'];
const IDENTITY_SHAPES = ['workspace', 'compute', 'endpoint', 'job'];
const X_KIND_KEYS = new Set([
  'title',
  'family',
  'schemaNames',
  'aliases',
  'schemaPathHint',
  'schemaUrl',
  'loader',
  'referencedAs',
  'detect',
  'starter',
  'secretAdvice',
]);
const DETECT_KEYS = new Set(['type', 'all', 'none', 'only', 'rank', 'reason']);

const docs = new Map();
for (const file of jsonFilesUnder(schemasDir)) {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const rel = path.relative(schemasDir, file).split(path.sep).join('/');
  docs.set((schema.$id ?? `https://schemas.aml-yaml.dev/${rel}`).replace(/#.*$/, ''), { schema, rel });
}

function resolve(ref, base) {
  const abs = new URL(ref, base).toString();
  const [id, pointer = ''] = abs.split('#');
  const doc = docs.get(id);
  if (!doc) throw new Error(`unresolved $ref ${ref} from ${base}`);
  let node = doc.schema;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[seg];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref} from ${base}`);
  return { node, base: id };
}

const fail = (msg) => {
  console.error(`gen-kinds: ${msg}`);
  process.exit(1);
};

/**
 * Every annotated field under a kind's root, with its path (`*` for any key of
 * a map, `[]` for any item of a list). Unions, `allOf` and conditionals are
 * walked at the same path; recursion stops at a schema already on the stack.
 */
function annotations(rootNode, rootBase) {
  const found = {
    references: new Map(),
    secrets: new Map(),
    identity: new Map(),
    cliSupplied: new Map(),
    checks: new Map(),
    typeValues: new Set(),
  };
  const stack = new Set();
  const walk = (node, base, p, top) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || p.length > 12) return;
    if (stack.has(node)) return;
    stack.add(node);
    const key = JSON.stringify(p);
    if (typeof node['x-reference'] === 'string')
      found.references.set(`${key}${node['x-reference']}`, { path: p, category: node['x-reference'] });
    if (node['x-secret'] === true) found.secrets.set(key, p);
    if (typeof node['x-identity'] === 'string') found.identity.set(`${key}${node['x-identity']}`, { path: p, shape: node['x-identity'] });
    if (typeof node['x-cli-supplied'] === 'string') found.cliSupplied.set(key, { path: p, flag: node['x-cli-supplied'] });
    if (typeof node['x-check'] === 'string') found.checks.set(`${key}${node['x-check']}`, { path: p, code: node['x-check'] });
    if (typeof node.$ref === 'string') {
      const t = resolve(node.$ref, base);
      walk(t.node, t.base, p, top);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of node[k] ?? []) walk(sub, base, p, top);
    for (const k of ['if', 'then', 'else']) if (node[k]) walk(node[k], base, p, top);
    if (node.properties) {
      for (const [name, sub] of Object.entries(node.properties)) {
        if (top && name === 'type') collectTypeValues(sub, base, found.typeValues);
        walk(sub, base, [...p, name], false);
      }
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      walk(node.additionalProperties, base, [...p, '*'], false);
    for (const sub of Object.values(node.patternProperties ?? {})) walk(sub, base, [...p, '*'], false);
    if (node.items && typeof node.items === 'object') walk(node.items, base, [...p, '[]'], false);
    stack.delete(node);
  };
  walk(rootNode, rootBase, [], true);
  const sorted = (m) => [...m.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    references: sorted(found.references),
    secrets: sorted(found.secrets),
    identity: sorted(found.identity),
    cliSupplied: sorted(found.cliSupplied),
    checks: sorted(found.checks),
    typeValues: [...found.typeValues].sort(),
  };
}

function collectTypeValues(node, base, out, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 8) return;
  if (typeof node.$ref === 'string') {
    const t = resolve(node.$ref, base);
    collectTypeValues(t.node, t.base, out, depth + 1);
  }
  if (typeof node.const === 'string') out.add(node.const.toLowerCase());
  for (const v of node.enum ?? []) if (typeof v === 'string') out.add(v.toLowerCase());
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of node[k] ?? []) collectTypeValues(sub, base, out, depth + 1);
}

const kinds = [];
for (const [id, { schema, rel }] of docs) {
  if (rel.includes('/') || !rel.endsWith('.schema.json')) continue;
  const kindId = rel.replace(/\.schema\.json$/, '');
  const x = schema['x-kind'];
  if (!x || typeof x !== 'object') fail(`${rel} has no "x-kind" annotation`);
  for (const k of Object.keys(x)) if (!X_KIND_KEYS.has(k)) fail(`${rel}: unknown x-kind key "${k}"`);
  if (typeof x.title !== 'string' || !x.title) fail(`${rel}: x-kind.title is required`);
  if (!FAMILIES.includes(x.family)) fail(`${rel}: x-kind.family must be one of ${FAMILIES.join(', ')}`);
  if (x.referencedAs !== undefined && !CATEGORIES.includes(x.referencedAs))
    fail(`${rel}: x-kind.referencedAs must be one of ${CATEGORIES.join(', ')}`);
  const found = annotations(schema, id);
  for (const r of found.references)
    if (!CATEGORIES.includes(r.category))
      fail(`${rel}: x-reference "${r.category}" at ${r.path.join('.')} is not one of ${CATEGORIES.join(', ')}`);
  for (const r of found.identity)
    if (!IDENTITY_SHAPES.includes(r.shape)) fail(`${rel}: x-identity "${r.shape}" is not one of ${IDENTITY_SHAPES.join(', ')}`);
  const detect = (x.detect ?? []).map((rule, i) => {
    for (const k of Object.keys(rule)) if (!DETECT_KEYS.has(k)) fail(`${rel}: x-kind.detect[${i}] has unknown key "${k}"`);
    if (typeof rule.rank !== 'number') fail(`${rel}: x-kind.detect[${i}] needs a numeric rank`);
    if (!rule.type && !rule.all) fail(`${rel}: x-kind.detect[${i}] needs "type" or "all"`);
    const out = {};
    if (rule.type) {
      const values = new Set();
      for (const v of rule.type) {
        if (v === '$enum') {
          if (!found.typeValues.length) fail(`${rel}: x-kind.detect[${i}] uses "$enum" but the kind's type has no enum`);
          for (const t of found.typeValues) values.add(t);
        } else values.add(v.toLowerCase());
      }
      out.type = [...values].sort();
    }
    for (const k of ['all', 'none', 'only']) if (rule[k]) out[k] = rule[k];
    out.rank = rule.rank;
    if (rule.reason) out.reason = rule.reason;
    return out;
  });
  const info = {
    id: kindId,
    title: x.title,
    family: x.family,
    schemaNames: [...new Set([kindId.toLowerCase(), ...(x.schemaNames ?? []).map((n) => n.toLowerCase())])],
    ...(x.aliases ? { aliases: x.aliases } : {}),
    ...(x.schemaPathHint ? { schemaPathHint: x.schemaPathHint } : {}),
    schemaUrl: x.schemaUrl ?? `https://azuremlschemas.azureedge.net/latest/${kindId}.schema.json`,
    ...(x.loader ? { loader: x.loader } : {}),
    ...(x.referencedAs ? { referencedAs: x.referencedAs } : {}),
    detect,
    references: found.references,
    secrets: found.secrets,
    ...(x.secretAdvice ? { secretAdvice: x.secretAdvice } : {}),
    identity: found.identity,
    cliSupplied: found.cliSupplied,
    checks: found.checks,
    ...(x.starter ? { starter: x.starter } : {}),
  };
  if (found.secrets.length && !info.secretAdvice) fail(`${rel}: has x-secret fields but no x-kind.secretAdvice`);
  kinds.push(info);
}
kinds.sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || a.id.localeCompare(b.id));

const body = kinds.map((k) => `  ${JSON.stringify(k)},`).join('\n');
const text = `// Generated by scripts/gen-kinds.mjs from the "x-kind" and field annotations of schemas/*.schema.json.
// Do not edit: change the schemas and run \`node scripts/gen-kinds.mjs\` (the build does).
import type { KindInfo } from './kindInfo';

export const KIND_REGISTRY: readonly KindInfo[] = [
${body}
];
`;
const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('server/src/core/kinds.generated.ts is stale: run node scripts/gen-kinds.mjs (the build does)');
    process.exit(1);
  }
} else if (current !== text) {
  fs.writeFileSync(outFile, text);
  console.log(`gen-kinds: wrote ${path.relative(root, outFile)} (${kinds.length} kinds)`);
}
