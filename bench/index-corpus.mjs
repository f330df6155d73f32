#!/usr/bin/env node
// Measures the workspace index over the whole test/fixtures/corpus/ tree: time to
// index (walk, read, parse, detect kinds, keep summaries and references) and
// memory (retained heapUsed and RSS deltas after GC, peak RSS), next to the
// parse floor (read + yaml.parseAllDocuments of the same files).
// Usage: node bench/index-corpus.mjs [root] [--runs=N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const target = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, 'test', 'fixtures', 'corpus'));
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);

if (!process.env.AML_INDEX_CHILD) {
  const out = await bundle('index-corpus-lib.js', {
    contents:
      "export { WorkspaceIndex } from './server/src/workspace/workspaceIndex';\nexport { NodeFileSystem } from './server/src/node/fileSystem';\n",
  });
  const r = spawnSync(process.execPath, ['--expose-gc', '--no-warnings', fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, AML_INDEX_CHILD: out },
  });
  process.exit(r.status ?? 1);
}

const require = createRequire(import.meta.url);
const { WorkspaceIndex, NodeFileSystem } = require(process.env.AML_INDEX_CHILD);
const { parseAllDocuments } = require('yaml');
const mb = (n) => (n / 1024 / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function yamlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

const files = yamlFiles(target);
const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

// Parse floor: read and parse every YAML file, nothing kept.
const floor = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  for (const f of files) parseAllDocuments(fs.readFileSync(f, 'utf8'));
  floor.push(performance.now() - t);
}

const rootUri = pathToFileURL(target).toString();
const times = [];
let first;
// The last index stays referenced until the next run starts (so its memory is measured, then released).
const held = { index: undefined };
for (let i = 0; i < runs; i++) {
  held.index = undefined;
  global.gc();
  const before = process.memoryUsage();
  const index = new WorkspaceIndex({ fs: new NodeFileSystem() });
  const t = performance.now();
  await index.index([rootUri]);
  const ms = performance.now() - t;
  times.push(ms);
  global.gc();
  const after = process.memoryUsage();
  held.index = index;
  if (i === 0) first = { ms, heap: after.heapUsed - before.heapUsed, rss: after.rss - before.rss, stats: index.stats() };
}

// Requests answered while indexing runs: the longest time the event loop was blocked.
let maxGap = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - last);
  last = now;
}, 1);
await new WorkspaceIndex({ fs: new NodeFileSystem() }).index([rootUri]);
clearInterval(timer);

const s = first.stats;
console.log(`corpus: ${target}`);
console.log(`${files.length} YAML files, ${mb(bytes)} MB; indexed ${s.files} files with ${s.specs} specs and ${s.references} references`);
console.log(
  `index time: first run ${first.ms.toFixed(0)} ms, median of ${runs} ${median(times).toFixed(0)} ms (parse floor median ${median(floor).toFixed(0)} ms, ${(median(times) / median(floor)).toFixed(2)}x)`,
);
console.log(
  `memory retained by the index (after GC): heapUsed +${mb(first.heap)} MB, RSS +${mb(first.rss)} MB; peak RSS of the process ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
console.log(`longest event-loop block while indexing: ${maxGap.toFixed(1)} ms`);
void held.index;
