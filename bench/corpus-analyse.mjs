#!/usr/bin/env node
// Time to analyse every file of test/fixtures/corpus with the language service
// (parse, detect, validate, rules; schemas compiled on first use, as in a
// fresh server) against the parse floor (the same files parsed with `yaml`).
// Usage: node --import tsx bench/corpus-analyse.mjs [rounds]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseAllDocuments } = require('yaml');
const { AmlLanguageService } = await import(path.join(root, 'server', 'src', 'service.ts'));
const { corpusManifest, corpusPath } = await import(path.join(root, 'test', 'helpers.ts'));
const texts = corpusManifest().map(({ file }) => [file, fs.readFileSync(corpusPath(file), 'utf8')]);
const rounds = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parse = [];
const cold = [];
const warm = [];
let summary;
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  for (const [, text] of texts) for (const d of parseAllDocuments(text, { logLevel: 'error' })) d.toJS({ maxAliasCount: 200 });
  parse.push(performance.now() - t);
  const service = new AmlLanguageService();
  t = performance.now();
  let files = 0,
    kinds = 0,
    errors = 0;
  for (const [f, text] of texts) {
    const a = service.analyze({ uri: `file:///corpus/${f}`, version: 1, text });
    files++;
    if (a.docs.some((d) => d.detection)) kinds++;
    errors += a.diagnostics.filter((d) => d.severity === 1).length;
  }
  cold.push(performance.now() - t);
  t = performance.now();
  for (const [f, text] of texts) service.analyze({ uri: `file:///corpus/${f}`, version: 2, text });
  warm.push(performance.now() - t);
  summary = { files, kinds, errors };
}
const p = median(parse),
  c = median(cold),
  w = median(warm);
console.log(
  JSON.stringify({
    ...summary,
    parseMs: Math.round(p),
    coldMs: Math.round(c),
    warmMs: Math.round(w),
    coldRatio: +(c / p).toFixed(2),
    warmRatio: +(w / p).toFixed(2),
  }),
);
