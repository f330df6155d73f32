// What the npm package holds (npm pack --dry-run; .npmignore): the CLI and
// the language server commands, the schemas and their standalone builds for
// other tools, the rule pages; no sources, tests, fixtures or source maps.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readSchemaFiles } from '../../server/src/node/schemaFiles';
import { ROOT } from '../helpers';

test('npm package: commands, schemas (standalone too) and rule pages; nothing for development', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'dist/cli.js',
    'dist/server.js',
    'dist/analysisWorker.js',
    'schemas/defs/common.defs.json',
    'dist/aml-yaml-config.schema.json',
    ...Object.values<string>(pkg.bin).map((b) => b.replace(/^\.\//, '')),
  ];
  for (const kind of readSchemaFiles(path.join(ROOT, 'schemas')).kindRoots.keys())
    required.push(`dist/schemas/${kind}.schema.json`, `schemas/${kind}.schema.json`);
  assert.deepEqual(
    required.filter((f) => !files.includes(f)),
    [],
    'missing from the npm package (is the build current?)',
  );
  const dev = files.filter((f) =>
    /^(test|server|client|bench|scripts|examples|out|\.ci|\.cache|node_modules)\/|\.map$|\.ts$|tsconfig|\.vsix$/.test(f),
  );
  assert.deepEqual(dev, [], 'development files in the npm package');
  assert.ok(
    files.some((f) => f.startsWith('docs/rules/')),
    'rule pages (the CLI links them)',
  );
});
