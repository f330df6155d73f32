#!/usr/bin/env node
// Developer tool for schema authors: compiles the schemas (strictly) and
// validates the corpus files of the given kinds against them, printing every
// error with its file and line. Usage:
//   node scripts/schema-check.mjs <kind> [<kind> ...]     (kinds as in the corpus manifest)
//   node scripts/schema-check.mjs --file <schema-kind> <yaml file> [...]
// The language service applies the same casing and `${{...}}` relaxations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { jsonFilesUnder } from './lib/files.mjs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseAllDocuments, LineCounter } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = path.join(root, 'schemas');
const corpus = path.join(root, 'test', 'fixtures', 'corpus');

// The annotation keywords and casing transforms are the product's own.
const load = (rel) => tsImport(pathToFileURL(path.join(root, rel)).href, import.meta.url);
const { ANNOTATION_KEYWORDS: ANNOTATIONS } = await load('server/src/schema/store.ts');
const { CASING: transforms } = await load('server/src/core/casing.ts');

const ajv = new Ajv2020.default({ allErrors: true, discriminator: true, verbose: true, allowUnionTypes: true, strict: true });
ajv.addVocabulary(ANNOTATIONS);
const byFile = new Map();
for (const f of jsonFilesUnder(schemasDir)) {
  const s = JSON.parse(fs.readFileSync(f, 'utf8'));
  ajv.addSchema(s);
  byFile.set(path.relative(schemasDir, f), s);
}

const isExpr = (v) => typeof v === 'string' && /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(v);
function at(value, pointer) {
  let v = value;
  for (const seg of pointer.split('/').slice(1)) v = v?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

function validate(kind, file) {
  const schemaFile = `${kind}.schema.json`;
  const s = byFile.get(schemaFile);
  if (!s) return [`no schema ${schemaFile}`];
  const v = ajv.getSchema(s.$id);
  const text = fs.readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const out = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true })) {
    if (doc.errors.length) out.push(...doc.errors.map((e) => `yaml: ${e.message.split('\n')[0]}`));
    const value = doc.toJS({ maxAliasCount: 200 });
    if (value === null || value === undefined) continue;
    if (v(value)) continue;
    for (const e of v.errors) {
      const data = at(value, e.instancePath);
      if (isExpr(data) && e.keyword !== 'additionalProperties' && e.keyword !== 'unevaluatedProperties' && e.keyword !== 'required')
        continue;
      if (e.keyword === 'enum' && typeof data === 'string' && e.parentSchema?.['x-casing']) {
        const t = transforms[e.parentSchema['x-casing']];
        if (e.schema.map((a) => t(String(a))).includes(t(data))) continue;
      }
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
      const extra =
        e.params?.additionalProperty ??
        e.params?.unevaluatedProperty ??
        e.params?.missingProperty ??
        (e.keyword === 'enum' ? JSON.stringify(e.params.allowedValues) : '');
      out.push(`${e.instancePath || '/'} ${e.keyword}: ${e.message} ${extra} [${e.schemaPath}]`);
    }
  }
  return out;
}

const args = process.argv.slice(2);
let failures = 0;
if (args[0] === '--file') {
  const kind = args[1];
  for (const f of args.slice(2)) {
    const errs = validate(kind, f);
    if (errs.length) failures++;
    console.log(`${errs.length ? 'FAIL' : 'ok  '} ${f}`);
    for (const e of errs) console.log(`     ${e}`);
  }
} else {
  const rows = fs
    .readFileSync(path.join(corpus, 'azureml-examples.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  const aliases = { virtualMachineCompute: 'vmCompute' };
  for (const [rel, kind] of rows) {
    const k = aliases[kind] ?? kind;
    if (!args.includes(kind) && !args.includes(k)) continue;
    const errs = validate(k, path.join(corpus, 'azureml-examples', rel));
    if (errs.length) failures++;
    console.log(`${errs.length ? 'FAIL' : 'ok  '} ${rel}`);
    for (const e of errs) console.log(`     ${e}`);
  }
}
console.log(failures ? `${failures} file(s) with errors` : 'all files valid');
process.exit(failures ? 1 : 0);
