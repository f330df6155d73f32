#!/usr/bin/env node
// `npm run package`: production bundles, then dist-vsix/aml-yaml.vsix with
// @vscode/vsce (no node_modules: the bundles carry their dependencies; the
// files shipped are listed in .vscodeignore). Prints the size of the .vsix.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'dist-vsix', 'aml-yaml.vsix');
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });

run(path.join(root, 'scripts', 'build.mjs'), ['--production']);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
run(path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ['package', '--no-dependencies', '--no-update-package-json', '-o', out]);
const size = fs.statSync(out).size;
console.log(`package: ${path.relative(root, out)} ${(size / 1024).toFixed(0)} KB (${size} bytes)`);
