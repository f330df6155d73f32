#!/usr/bin/env node
// Wall time of `aml-yaml check` over test/fixtures/corpus against merely parsing
// the same YAML files with the `yaml` package. Both run as fresh processes
// (node startup included) and in-process parse time is shown too.
// Usage: node scripts/build.mjs && node bench/cli-corpus.mjs [corpus dir] [--runs=N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const corpus = path.resolve(argv.find((a) => !a.startsWith('--')) ?? path.join(root, 'test', 'fixtures', 'corpus'));
const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs');

// The parse-only baseline: same file discovery (YAML files, no node_modules/.git), read and parse every document.
const PARSE_ONLY = `
const fs = require('node:fs'), path = require('node:path');
const { parseAllDocuments } = require(${JSON.stringify(require_resolve('yaml'))});
const files = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') walk(p); }
    else if (/\\.ya?ml$/i.test(e.name)) files.push(p);
  }
})(process.argv[1]);
const t0 = performance.now();
let docs = 0;
for (const f of files) for (const d of parseAllDocuments(fs.readFileSync(f, 'utf8'))) { d.toJS({ maxAliasCount: 200 }); docs++; }
process.stdout.write(JSON.stringify({ files: files.length, docs, parseMs: performance.now() - t0 }));
`;

function require_resolve(name) {
  return path.join(root, 'node_modules', name);
}

function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, status: r.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parse = [];
const parseInProcess = [];
const check = [];
let info;
let summary;
for (let i = 0; i < runs; i++) {
  const p = timed(['-e', PARSE_ONLY, corpus]);
  info = JSON.parse(p.stdout);
  parse.push(p.ms);
  parseInProcess.push(info.parseMs);
  const c = timed([cli, 'check', corpus, '--format', 'json']);
  summary = JSON.parse(c.stdout).summary;
  check.push(c.ms);
}
const node = median(Array.from({ length: runs }, () => timed(['-e', '0']).ms));

const row = (name, xs) => `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
console.log(
  `Corpus: ${path.relative(process.cwd(), corpus) || '.'}: ${info.files} YAML files, ${info.docs} documents; aml-yaml checked ${summary.files} Azure ML files (${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos).`,
);
console.log(`Node ${process.version}, ${runs} runs each, wall time in ms (median, min, max):\n`);
console.log('| what | median | min | max |');
console.log('|---|---|---|---|');
console.log(row('`node -e 0` (process start)', [node]));
console.log(row('parse only, whole process (read + `yaml` parseAllDocuments + toJS)', parse));
console.log(row('parse only, the parsing itself (in-process)', parseInProcess));
console.log(row('`aml-yaml check --format json`, whole process', check));
console.log(`\nRatio check / parse-only process: ${(median(check) / median(parse)).toFixed(1)}x`);
