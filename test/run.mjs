#!/usr/bin/env node
// Runs every test suite and ends with one summary line: "N passed, N failed".
//
// node:test files (`*.test.ts` under test/ and server/src/) run in one process
// per group (test/<folder>/, server/src/), through test/group.mjs: the files
// of a group share one module cache (one compiled schema store) instead of a
// process each. Two groups run at a time (AML_YAML_TEST_JOBS); progress
// streams as it happens (spec reporter), one group after the other in
// order, the next one's output held until its turn; a TAP copy per group
// gives the counts. Then the end-to-end suite in a real VS Code
// (test/e2e/run.mjs), streamed too, unless AML_YAML_E2E=0 or file filters
// are given.
//
// Usage: node test/run.mjs [substring of test file paths...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/** The group of a test file: its folder under test/, or "server" for tests beside the sources. */
function groupOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'test') return rel.length > 2 ? rel[1] : 'test';
  return rel[0];
}

const files = [...collect(path.join(root, 'test')), ...collect(path.join(root, 'server', 'src'))]
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
const groups = new Map();
for (const f of files) groups.set(groupOf(f), [...(groups.get(groupOf(f)) ?? []), f]);

const outDir = path.join(root, 'out');
fs.mkdirSync(outDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Output of concurrent children, kept in start order: the oldest running
 * child streams live, the others are held until every child started before
 * them has ended, then flushed and streamed from there on.
 */
class OrderedOutput {
  #slots = [];
  open() {
    const slot = { chunks: [], ended: false };
    this.#slots.push(slot);
    return {
      write: (chunk) => {
        if (this.#slots[0] === slot) process.stdout.write(chunk);
        else slot.chunks.push(chunk);
      },
      end: () => {
        slot.ended = true;
        // Flush from the oldest: ended children entirely, then the oldest
        // running one, which streams live from here on.
        while (this.#slots.length) {
          const head = this.#slots[0];
          for (const c of head.chunks.splice(0)) process.stdout.write(c);
          if (!head.ended) break;
          this.#slots.shift();
        }
      },
    };
  }
}
const output = new OrderedOutput();

/** Runs a command with stdout and stderr through `out` (kept when `keep`). */
function run(args, { keep = false, env = process.env, out = output.open() } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['inherit', 'pipe', 'pipe'] });
    let text = '';
    const take = (chunk) => {
      out.write(chunk);
      if (keep) text += chunk;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => {
      take(`test/run.mjs: ${err.message}\n`);
      out.end();
      resolve({ status: 1, stdout: text });
    });
    child.on('close', (status, signal) => {
      out.end();
      resolve({ status: status ?? (signal ? 1 : 0), signal, stdout: text });
    });
  });
}

/** Runs one group's files in one process and returns its counts. */
async function runGroup(name, list) {
  const out = output.open();
  const tap = path.join(outDir, `test-results-${process.pid}-${name}.tap`);
  out.write(`\n━━ ${name}: ${list.length} file${list.length === 1 ? '' : 's'} in one process\n`);
  const t0 = Date.now();
  const r = await run(
    [
      '--import',
      'tsx',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      path.join(root, 'test', 'group.mjs'),
      ...list,
    ],
    {
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
      out: { write: out.write, end: () => undefined },
    },
  );
  const ms = Date.now() - t0;
  const tapText = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(tap, { force: true });
  const num = (key) => Number(new RegExp(`^# ${key} (\\d+)`, 'm').exec(tapText)?.[1] ?? 0);
  const g = {
    name,
    files: list.length,
    ms,
    passed: num('pass'),
    failed: num('fail') + num('cancelled'),
    skipped: num('skipped') + num('todo'),
  };
  if (r.status !== 0 && g.failed === 0) {
    // The process died (or failed outside any test): that is a failure too.
    out.write(`test/run.mjs: the ${name} process exited with ${r.signal ?? r.status} outside any test\n`);
    g.failed += 1;
  }
  out.write(`━━ ${name}: ${g.passed} passed, ${g.failed} failed${g.skipped ? `, ${g.skipped} skipped` : ''} (${secs(ms)})\n`);
  out.end();
  return g;
}

// Groups run two at a time (AML_YAML_TEST_JOBS to change): many tests wait on
// servers and child processes, so a second group uses the time they idle.
// Output stays in group order.
const jobs = Math.max(1, Number(process.env.AML_YAML_TEST_JOBS ?? Math.min(2, os.availableParallelism())));
const queue = [...groups];
const results = new Map();
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.set(next[0], await runGroup(...next));
  }),
);
for (const name of groups.keys()) {
  const g = results.get(name);
  timings.push(g);
  totals.passed += g.passed;
  totals.failed += g.failed;
  totals.skipped += g.skipped;
}

const e2e = path.join(root, 'test', 'e2e', 'run.mjs');
if (!only.length && process.env.AML_YAML_E2E !== '0' && fs.existsSync(e2e)) {
  console.log('\n━━ e2e: a real VS Code (set AML_YAML_E2E=0 to skip)');
  const t0 = Date.now();
  const r = await run([e2e], { keep: true });
  const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(r.stdout);
  const g = { name: 'e2e', files: 1, ms: Date.now() - t0, passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0), skipped: 0 };
  if (r.status !== 0 && g.failed === 0) g.failed += 1;
  timings.push(g);
  totals.passed += g.passed;
  totals.failed += g.failed;
}

console.log(
  `\naml-yaml tests: ${secs(Date.now() - started)} (load average ${fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a'})`,
);
for (const g of timings)
  console.log(
    `  ${g.name.padEnd(10)} ${secs(g.ms).padStart(8)}  ${g.passed} passed, ${g.failed} failed${g.skipped ? `, ${g.skipped} skipped` : ''}`,
  );
if (totals.skipped) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
