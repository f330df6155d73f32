#!/usr/bin/env node
// Bundles the language server, the CLI and the VS Code client with esbuild.
// `--production` minifies and drops source maps (for the .vsix).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
// The kind registry (server/src/core/kinds.generated.ts) from the schemas' annotations.
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-kinds.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-catalog.mjs')], { stdio: 'inherit' });
// The extension's settings schema lists the catalogue's rule ids (package.json contributes.configuration).
execFileSync(process.execPath, [path.join(root, 'client', 'scripts', 'gen-settings.mjs')], { stdio: 'inherit' });
// docs/kinds.md and docs/rules/built-in.md from the kind registry and the built-in codes.
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-docs.mjs')], { stdio: 'inherit' });
// docs/rules/<id>.md and its index from the rule files, their prose and examples run through the service.
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-rule-docs.mjs')], { stdio: 'inherit' });
// The JSON schema of .aml-yaml.json (dist/aml-yaml-config.schema.json) from core/configSchema.ts.
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-config-schema.mjs')], { stdio: 'inherit' });
// One self-contained schema per kind for other tools (dist/schemas/).
execFileSync(process.execPath, [path.join(root, 'scripts', 'build-schemas.mjs')], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's `main` is a UMD build whose lazy requires esbuild cannot follow: bundle its ES module build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

const bundles = [
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/node/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  { entryPoints: ['server/src/node/indexWorker.ts'], outfile: 'dist/indexWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
];
await Promise.all(bundles.filter((b) => existsSync(path.join(root, b.entryPoints[0]))).map((b) => build({ ...common, ...b })));
