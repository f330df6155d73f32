#!/usr/bin/env node
// Compiles the extension-host suite (test/vscode/suite/*.ts) to
// out/vscode-test/*.js, one file each, unbundled: `vscode` comes from the
// extension host and `mocha` resolves from the repository's node_modules.
// `--typecheck` also runs tsc on the suite.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_OUT = path.join(root, 'out', 'vscode-test');

export async function buildSuite({ typecheck = false } = {}) {
  const dir = path.join(root, 'test', 'vscode', 'suite');
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    entryPoints: fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f)),
    outdir: SUITE_OUT,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  if (typecheck)
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'test', 'vscode')], {
      stdio: 'inherit',
    });
  return path.join(SUITE_OUT, 'index.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite({ typecheck: process.argv.includes('--typecheck') }));
}
