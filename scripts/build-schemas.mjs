#!/usr/bin/env node
// Writes the standalone schemas, one self-contained file per kind, from
// schemas/ into dist/schemas/<kind>.schema.json (shipped in the .vsix and the
// npm package, for yaml-language-server, check-jsonschema, JetBrains IDEs;
// see server/src/schema/standalone.ts and the README). Run by the build;
// works on whatever schemas/ holds and fails on a reference that does not resolve.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { readSchemaFiles, standaloneSchemaText } = await tsImport(
  pathToFileURL(path.join(root, 'server/src/node/schemaFiles.ts')).href,
  import.meta.url,
);
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const out = path.join(root, 'dist', 'schemas');
const files = readSchemaFiles(path.join(root, 'schemas'));
fs.mkdirSync(out, { recursive: true });
const written = new Set();
for (const kind of [...files.kindRoots.keys()].sort()) {
  const name = `${kind}.schema.json`;
  const text = standaloneSchemaText(files, kind, version);
  const file = path.join(out, name);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  written.add(name);
}
for (const f of fs.readdirSync(out)) if (!written.has(f)) fs.rmSync(path.join(out, f), { force: true });
