#!/usr/bin/env node
// Writes dist/aml-yaml-config.schema.json, the JSON schema of the repository
// file .aml-yaml.json, from its one definition (server/src/core/configSchema.ts)
// with every rule id and built-in code listed for completion. VS Code applies
// it to .aml-yaml.json through package.json `contributes.jsonValidation`; the
// npm package ships it for other editors. Run by the build; `--check` exits 1
// when the file is missing or stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (rel) => tsImport(pathToFileURL(path.join(root, rel)).href, import.meta.url);
const { repoConfigSchema } = await load('server/src/core/configSchema.ts');
const { allCodes } = await load('server/src/cli/codes.ts');

export const CONFIG_SCHEMA_FILE = path.join(root, 'dist', 'aml-yaml-config.schema.json');
const codes = allCodes().map((c) => ({ id: c.id, description: c.description, defaultSeverity: c.defaultSeverity }));
const text = JSON.stringify(repoConfigSchema(codes), null, 2) + '\n';
const current = fs.existsSync(CONFIG_SCHEMA_FILE) ? fs.readFileSync(CONFIG_SCHEMA_FILE, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('dist/aml-yaml-config.schema.json is missing or stale: run node scripts/build.mjs');
    process.exit(1);
  }
} else if (current !== text) {
  fs.mkdirSync(path.dirname(CONFIG_SCHEMA_FILE), { recursive: true });
  fs.writeFileSync(CONFIG_SCHEMA_FILE, text);
}
