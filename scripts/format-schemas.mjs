#!/usr/bin/env node
// Formats every JSON file under schemas/ the one way the project writes them:
// two-space indentation, short objects and arrays of plain values on one line
// (up to 100 characters), everything else one entry per line. Schema authors
// and scripts that edit schemas run it so that diffs show only real changes.
//   node scripts/format-schemas.mjs          rewrite what differs
//   node scripts/format-schemas.mjs --check  exit 1 when a file is not formatted
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonFilesUnder } from './lib/files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function formatJson(value) {
  return `${fmt(value, 0)}\n`;
}

const plain = (v) => v === null || typeof v !== 'object';
const flat = (v) => plain(v) || (Array.isArray(v) && v.every(plain));

function fmt(v, indent) {
  if (plain(v)) return JSON.stringify(v);
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if (v.every(plain)) {
      const one = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      if (one.length + indent <= 100) return one;
    }
    return `[\n${v.map((x) => pad + fmt(x, indent + 2)).join(',\n')}\n${end}]`;
  }
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  if (entries.every(([, x]) => flat(x))) {
    const one = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${fmt(x, 0)}`).join(', ')} }`;
    if (one.length + indent <= 100 && !one.includes('\n')) return one;
  }
  return `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${fmt(x, indent + 2)}`).join(',\n')}\n${end}}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const file of jsonFilesUnder(path.join(root, 'schemas'))) {
    const text = fs.readFileSync(file, 'utf8');
    const next = formatJson(JSON.parse(text));
    if (next === text) continue;
    stale.push(path.relative(root, file));
    if (!check) fs.writeFileSync(file, next);
  }
  if (check && stale.length) {
    console.error(`not formatted (run node scripts/format-schemas.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  if (!check && stale.length) console.log(`format-schemas: ${stale.length} files formatted`);
}
