#!/usr/bin/env node
// Runs every test suite one after another and prints one summary line:
// "N passed, N failed". Suites: node:test files (unit, schema, corpus, rules,
// LSP, CLI, grammar), then the end-to-end suite in a real VS Code when
// AML_YAML_E2E is not "0" and its runner exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function collect(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (['fixtures', 'vscode', 'e2e', 'node_modules'].includes(e.name)) continue;
      out.push(...collect(p));
    } else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = [...collect(path.join(root, 'test')), ...collect(path.join(root, 'server', 'src'))]
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
fs.mkdirSync(path.join(root, 'out'), { recursive: true });
const tap = path.join(root, 'out', `test-results-${process.pid}.tap`);
let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();

if (files.length) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const out = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tap, { force: true });
  const num = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  passed += num('pass');
  failed += num('fail') + num('cancelled');
  skipped += num('skipped') + num('todo');
  if (r.status !== 0 && num('fail') + num('cancelled') === 0) failed += 1;
}

const e2e = path.join(root, 'test', 'e2e', 'run.mjs');
if (!only.length && process.env.AML_YAML_E2E !== '0' && fs.existsSync(e2e)) {
  const r = spawnSync(process.execPath, [e2e], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (r.status !== 0 && !(m && Number(m[2]) > 0)) failed += 1;
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\naml-yaml tests (${secs}s)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
