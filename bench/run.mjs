#!/usr/bin/env node
// `npm run bench`: drives this server and yaml-language-server over LSP stdio
// on the same generated workload, measures the index, the CLI and the parse
// floor, and writes the results into docs/performance.md (between the
// `bench:results` markers). Not a test: numbers depend on the machine.
//
// Options: --quick (fewer samples), --no-write (print only), --only=aml|ysl,
// --prof (CPU profile of this server into out/bench/prof/), --aml-server=<server.js>
// (another build), --sessions-only (the LSP sessions, printed as JSON lines),
// --bindings-only (the pipeline edits with component bindings, printed as JSON).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, load } from './bundle.mjs';
import { BenchClient } from './lsp.mjs';
import { responsiveness } from './responsiveness.mjs';
import { scaleBench } from './scale.mjs';
import { bigPipeline, prng, writeSmallSpecs } from './workload.mjs';

const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
const N = quick
  ? {
      smallOpen: 40,
      bigOpen: 2,
      bigEdit: 10,
      smallEdit: 15,
      requests: 15,
      index: 400,
      scale: 4000,
      scaleRounds: 1,
      bindingSteps: [200],
      bindingEdits: 10,
    }
  : {
      smallOpen: 300,
      bigOpen: 5,
      bigEdit: 40,
      smallEdit: 60,
      requests: 60,
      index: 2000,
      scale: 20000,
      scaleRounds: 3,
      bindingSteps: [200, 800],
      bindingEdits: 40,
    };

const log = (...a) => console.error('[bench]', ...a);
/** `--aml-server=<server.js>`: another build of this server (before/after comparisons). */
const amlServer = path.resolve([...args].find((a) => a.startsWith('--aml-server='))?.slice(13) ?? path.join(root, 'dist', 'server.js'));

// ---------------------------------------------------------------------------
// Statistics

function pct(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const p50 = (s) => pct(s, 50);
const p95 = (s) => pct(s, 95);
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Workload

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-bench-'));
const wsDir = path.join(tmp, 'workspace');
const smallFiles = writeSmallSpecs(path.join(wsDir, 'specs'), N.smallOpen, 7);
let bigText = bigPipeline(5000);
// A few typos deep in the pipeline: both servers must find them (proof of deep validation).
bigText = bigText.replace(/^( {4})limits:$/gm, (m, sp, off) => (off % 7 === 0 ? `${sp}limitz:` : m));
const bigFile = path.join(wsDir, 'pipelines', 'big-pipeline.yml');
fs.mkdirSync(path.dirname(bigFile), { recursive: true });
fs.writeFileSync(bigFile, bigText);
const bigLines = bigText.split('\n');
const indexFiles = writeSmallSpecs(path.join(tmp, 'index'), N.index, 11);
log(
  `workload in ${tmp}: ${smallFiles.length} small specs, pipeline of ${bigLines.length - 1} lines (${bigText.length} chars), ${indexFiles.length} specs to index`,
);

// yaml-language-server gets a copy of schemas/ whose $ids and $refs are file:// URLs.
const yslSchemas = path.join(tmp, 'schemas');
function copySchemas(from, to) {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) copySchemas(src, dst);
    else if (e.name.endsWith('.json')) {
      fs.mkdirSync(to, { recursive: true });
      const schema = JSON.parse(fs.readFileSync(src, 'utf8'));
      const rel = path.relative(path.join(root, 'schemas'), src).split(path.sep).join('/');
      const oldId = schema.$id ?? `https://schemas.aml-yaml.dev/${rel}`;
      const newId = pathToFileURL(dst).toString();
      const rewrite = (node) => {
        if (Array.isArray(node)) node.forEach(rewrite);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
              const abs = new URL(v, oldId).toString();
              node[k] = abs.replace('https://schemas.aml-yaml.dev/', pathToFileURL(yslSchemas).toString() + '/');
            } else rewrite(v);
          }
        }
      };
      rewrite(schema);
      schema.$id = newId;
      fs.writeFileSync(dst, JSON.stringify(schema, null, 1));
    }
  }
}
copySchemas(path.join(root, 'schemas'), yslSchemas);
const schemaUri = (kind) => pathToFileURL(path.join(yslSchemas, `${kind}.schema.json`)).toString();
/** yaml-language-server configured as in the tests (test/editors/yamlLsSettings.ts). */
const { yamlLsSettings } = await load('yaml-ls-settings.cjs', 'test/editors/yamlLsSettings.ts');
const yslSettings = {
  ...yamlLsSettings({
    [schemaUri('workspace')]: ['**/workspace-*.yml'],
    [schemaUri('amlCompute')]: ['**/compute-*.yml'],
    [schemaUri('commandJob')]: ['**/commandJob-*.yml'],
    [schemaUri('pipelineJob')]: ['**/big-pipeline.yml', '**/bindings-pipeline.yml'],
  }),
  '[yaml]': {},
  files: {},
};
/** yaml-language-server follows the `$schema:` URL in each file; the client serves it from the local copy. */
function localSchemaContent(uri) {
  const m = /\/([A-Za-z0-9]+\.schema\.json|defs\/[a-z]+\.defs\.json)$/.exec(uri.replace(/[?#].*$/, ''));
  if (!m) return undefined;
  const file = path.join(yslSchemas, m[1]);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

// ---------------------------------------------------------------------------
// One LSP session

function linesMatching(re) {
  const out = [];
  bigLines.forEach((l, i) => {
    if (re.test(l)) out.push(i);
  });
  return out;
}

async function session(name) {
  const isYsl = name === 'yaml-language-server';
  const argv = isYsl
    ? [path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio']
    : [...(args.has('--prof') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'out', 'bench', 'prof')}`] : []), amlServer, '--stdio'];
  const client = new BenchClient(argv, { settings: isYsl ? yslSettings : { 'aml-yaml': {} }, content: localSchemaContent });
  const res = { name };
  await client.initialize(pathToFileURL(wsDir).toString());
  if (isYsl) {
    await client.notify('yaml/registerContentRequest', {});
    await client.notify('workspace/didChangeConfiguration', { settings: yslSettings });
    await sleep(300);
  }
  const rnd = prng(42);

  // Cold start: the first spec opened (schemas load, validators compile). Also
  // proves that the server reports schema diagnostics on this workload.
  const warm = path.join(tmp, 'warm', 'workspace-warm.yml');
  fs.mkdirSync(path.dirname(warm), { recursive: true });
  const warmText = fs
    .readFileSync(smallFiles[0], 'utf8')
    .replace(/^hbi_workspace: false$/m, 'hbi_workspace: false\npublic_network_acess: Enabled');
  fs.writeFileSync(warm, warmText);
  const typoLine = warmText.split('\n').findIndex((l) => l.startsWith('public_network_acess'));
  const cold = await client.openTimed(pathToFileURL(warm).toString(), warmText);
  res.coldOpenMs = cold.ms;
  res.schemaDiagnosticSeen = cold.diagnostics.some((d) => d.range.start.line === typoLine);
  if (!res.schemaDiagnosticSeen) throw new Error(`${name} reported no schema diagnostic on the typo: ${JSON.stringify(cold.diagnostics)}`);

  // didOpen -> diagnostics, small files.
  const opens = [];
  let withFindings = 0;
  for (const f of smallFiles) {
    const r = await client.openTimed(pathToFileURL(f).toString(), fs.readFileSync(f, 'utf8'));
    opens.push(r.ms);
    if (r.diagnostics.length) withFindings++;
  }
  res.smallOpen = opens;
  res.smallFilesWithFindings = withFindings;

  // Keystroke -> diagnostics on small files.
  const smallEdits = [];
  const versions = new Map();
  for (let i = 0; i < N.smallEdit; i++) {
    const f = smallFiles[Math.floor(rnd() * smallFiles.length)];
    const uri = pathToFileURL(f).toString();
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    // A description: typing in a name would rename the spec and re-analyse the files that use it.
    const line = Math.max(
      0,
      lines.findIndex((l) => /^description: /.test(l)),
    );
    const ch = lines[line].length;
    const v = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, v + 1);
    const ins = await client.changeTimed(uri, v, [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'y' }]);
    smallEdits.push(ins.ms);
    await sleep(30);
    await client.changeTimed(uri, v + 1, [{ range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' }]);
    await sleep(30);
  }
  res.smallEdit = smallEdits;

  // didOpen -> diagnostics, the big pipeline (distinct URIs: a fresh document each time). Meanwhile
  // hovers on a small spec measure how long requests on other files wait (from when each is sent).
  const bigOpens = [];
  const others = [];
  const probeUri = pathToFileURL(smallFiles[0]).toString();
  for (let i = 0; i < N.bigOpen; i++) {
    const uri = pathToFileURL(bigFile).toString() + (i ? `?copy=${i}` : '');
    let opened = false;
    const open = client.openTimed(uri, bigText).finally(() => (opened = true));
    while (!opened) {
      const h = await client.requestTimed('textDocument/hover', { textDocument: { uri: probeUri }, position: { line: 1, character: 2 } });
      others.push(h.ms);
      await sleep(10);
    }
    const r = await open;
    bigOpens.push(r.ms);
    res.bigDiagnostics = r.diagnostics.length;
    if (i) await client.notify('textDocument/didClose', { textDocument: { uri } });
    await sleep(20);
  }
  res.bigOpen = bigOpens;
  res.otherDuringBigOpen = others;
  const bigUri = pathToFileURL(bigFile).toString();

  // Keystroke -> diagnostics on the big file: type a character into a
  // display_name, then delete it; a short pause between keystrokes.
  const names = linesMatching(/^ {4}display_name: /);
  let version = 1;
  const bigEdits = [];
  for (let i = 0; i < N.bigEdit; i++) {
    const line = names[Math.floor(rnd() * names.length)];
    const ch = bigLines[line].length;
    const ins = await client.changeTimed(bigUri, ++version, [
      { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' },
    ]);
    bigEdits.push(ins.ms);
    await sleep(30);
    const del = await client.changeTimed(bigUri, ++version, [
      { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' },
    ]);
    bigEdits.push(del.ms);
    await sleep(30);
  }
  res.bigEdit = bigEdits;

  // Completion and hover on the big file (document unchanged between requests).
  const keyLines = linesMatching(/^ {4}code: /);
  const modeLines = linesMatching(/^ {8}mode: /);
  const envLines = linesMatching(/^ {4}environment: /);
  const typeLines = linesMatching(/^ {8}type: uri_folder/);
  const completion = [];
  const hover = [];
  let completionItems = 0;
  let hovers = 0;
  for (let i = 0; i < N.requests; i++) {
    const pick = (a) => a[Math.floor(rnd() * a.length)];
    const keyPos = { line: pick(keyLines), character: 6 };
    const valuePos = { line: pick(modeLines), character: 14 };
    const pos = i % 2 ? valuePos : keyPos;
    const c = await client.requestTimed('textDocument/completion', { textDocument: { uri: bigUri }, position: pos });
    completion.push(c.ms);
    completionItems += (c.result?.items ?? c.result ?? []).length;
    const hpos = i % 2 ? { line: pick(typeLines), character: 12 } : { line: pick(envLines), character: 6 };
    const h = await client.requestTimed('textDocument/hover', { textDocument: { uri: bigUri }, position: hpos });
    hover.push(h.ms);
    if (h.result) hovers++;
  }
  res.completion = completion;
  res.hover = hover;
  res.completionItemsAvg = completionItems / N.requests;
  res.hoverAnswered = hovers / N.requests;
  res.peakRssMb = client.peakRssMb();
  res.contentRequests = client.contentRequests.length;
  await client.shutdown();
  return res;
}

// ---------------------------------------------------------------------------
// Parse floor, index, CLI

function bigParseFloor() {
  const samples = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    for (const d of parseAllDocuments(bigText)) d.toJS({ maxAliasCount: 200 });
    samples.push(performance.now() - t0);
  }
  return samples.slice(5);
}

function smallParseFloor() {
  const texts = smallFiles.map((f) => fs.readFileSync(f, 'utf8'));
  const samples = [];
  for (let round = 0; round < 3; round++) {
    for (const t of texts) {
      const t0 = performance.now();
      for (const d of parseAllDocuments(t)) d.toJS({ maxAliasCount: 200 });
      samples.push(performance.now() - t0);
    }
  }
  return samples.slice(texts.length);
}

function child(argv) {
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/**
 * Runs several children in turn, `runs` rounds (interleaved, so that a burst
 * of load on a shared machine hits them alike), and returns per child the
 * median time and the highest peak RSS.
 */
function interleaved(argvs, runs = 5) {
  const all = argvs.map(() => []);
  for (let i = 0; i < runs; i++) argvs.forEach((argv, k) => all[k].push(child(argv)));
  return all.map((list) => {
    const sorted = [...list].sort((a, b) => a.ms - b.ms);
    return { ...sorted[Math.floor(sorted.length / 2)], peakRssMb: Math.max(...list.map((r) => r.peakRssMb)) };
  });
}

async function indexing() {
  const out = await bundle('index-probe.js', 'bench/index-probe.ts', {
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  });
  const list = path.join(tmp, 'index-files.txt');
  fs.writeFileSync(list, indexFiles.join('\n'));
  const [floor, index, analyze] = interleaved([
    [path.join(root, 'bench', 'parse-floor.mjs'), list],
    [out, list, 'index', path.join(tmp, 'index'), path.join(root, 'dist', 'indexWorker.js')],
    [out, list, 'analyze'],
  ]);
  return { floor, index, analyze, probe: out };
}

function yamlFilesUnder(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFilesUnder(p));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

function wall(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status, stderr: r.stderr };
}

function cli() {
  const corpus = path.join(root, 'test', 'fixtures', 'corpus');
  const cliJs = path.join(root, 'dist', 'cli.js');
  const files = yamlFilesUnder(corpus);
  const list = path.join(tmp, 'corpus-files.txt');
  fs.writeFileSync(list, files.join('\n'));
  const floor = [];
  const runs = [];
  for (let i = 0; i < 3; i++) {
    floor.push(wall([path.join(root, 'bench', 'parse-floor.mjs'), list]).ms);
    if (fs.existsSync(cliJs)) runs.push(wall([cliJs, 'check', corpus]));
  }
  if (!runs.length || !files.length)
    return { skipped: !fs.existsSync(cliJs) ? 'dist/cli.js not built' : 'no corpus', files: files.length, floor: p50(floor) };
  const bad = runs.find((r) => r.status === null || r.status > 1);
  return {
    files: files.length,
    floor: p50(floor),
    ms: p50(runs.map((r) => r.ms)),
    status: runs[0].status,
    error: bad ? bad.stderr.slice(0, 300) : undefined,
  };
}

/**
 * Edits of a pipeline whose steps run a local component file (the bindings
 * of issue 13): `bench/bindings-edit.ts` bundled and run in a fresh process
 * (the index's summary, the analysis, a hover and a completion per edit, in
 * process, against the parse floor of the same text; binding model builds
 * per edit), then both servers over LSP on the same files: keystroke →
 * diagnostics while the workspace holds the component.
 */
async function bindingEdits() {
  const { build } = require('esbuild');
  const probe = path.join(root, 'out', 'bench', 'bindings-edit.js');
  await build({
    entryPoints: [path.join(root, 'bench', 'bindings-edit.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    logLevel: 'warning',
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    absWorkingDir: root,
  });
  const out = [];
  for (const steps of N.bindingSteps) {
    const inProcess = child([probe, String(steps), String(N.bindingEdits)]);
    const dir = path.join(tmp, `bindings-${steps}`);
    const { file, lines } = child([probe, String(steps), '1', `--emit=${dir}`]);
    const text = fs.readFileSync(file, 'utf8');
    const floor = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      for (const d of parseAllDocuments(text)) d.toJS({ maxAliasCount: 200 });
      floor.push(performance.now() - t0);
    }
    const lsp = {};
    for (const name of ['aml-yaml', 'yaml-language-server']) {
      if (only && !name.startsWith(only)) continue;
      lsp[name] = await bindingSession(name, dir, file, text);
    }
    out.push({ steps, lines, inProcess, floor: p50(floor.slice(5)), lsp });
  }
  return out;
}

async function bindingSession(name, dir, file, text) {
  const isYsl = name === 'yaml-language-server';
  const argv = isYsl
    ? [path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio']
    : [amlServer, '--stdio'];
  const client = new BenchClient(argv, { settings: isYsl ? yslSettings : { 'aml-yaml': {} }, content: localSchemaContent });
  await client.initialize(pathToFileURL(dir).toString());
  if (isYsl) {
    await client.notify('yaml/registerContentRequest', {});
    await client.notify('workspace/didChangeConfiguration', { settings: yslSettings });
    await sleep(300);
  }
  const uri = pathToFileURL(file).toString();
  const opened = await client.openTimed(uri, text);
  // Type a character into the default compute, then delete it (the bindings do not change; every step is checked again).
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('  default_compute: '));
  const ch = lines[line].length;
  const edits = [];
  let version = 1;
  for (let i = 0; i < N.bindingEdits; i++) {
    const ins = await client.changeTimed(uri, ++version, [
      { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' },
    ]);
    edits.push(ins.ms);
    await sleep(30);
    const del = await client.changeTimed(uri, ++version, [
      { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' },
    ]);
    edits.push(del.ms);
    await sleep(30);
  }
  const res = { open: opened.ms, openDiagnostics: opened.diagnostics.length, edit: edits, peakRssMb: client.peakRssMb() };
  await client.shutdown();
  return res;
}

/** Issue 15's hostile inputs over LSP against this server (bench/hostile.mjs, a child process). */
function hostile() {
  const json = path.join(tmp, 'hostile.json');
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'hostile.mjs'), `--json=${json}`, `--cap=${quick ? 30 : 60}`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !fs.existsSync(json)) return { error: r.stderr.slice(-500) };
  return { report: JSON.parse(fs.readFileSync(json, 'utf8')), table: r.stdout.trim() };
}

// ---------------------------------------------------------------------------
// Report

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** The table of the pipeline edits with component bindings (bindingEdits). */
function bindingsTable(bindings) {
  const out = [];
  out.push(
    '| pipeline edit with component bindings (ms) | parse floor | in process (bench/bindings-edit.ts): index summary + analysis + hover + completion, × its own parse floor, model builds per edit | aml-yaml over LSP p50 / p95 (× floor) | yaml-language-server p50 / p95 | ysl ÷ aml (p50) |',
  );
  out.push('|---|---|---|---|---|---|');
  for (const b of bindings) {
    const aml = b.lsp['aml-yaml'];
    const ysl = b.lsp['yaml-language-server'];
    out.push(
      `| ${b.steps} steps running \`components/train.yml\` (${b.lines} lines) | ${fmt(b.floor, 2)} | ${fmt(b.inProcess.editMs, 2)} = ${fmt(b.inProcess.ratio, 2)}× ${fmt(b.inProcess.parseFloorMs, 2)}; ${fmt(b.inProcess.buildsPerEdit, 0)} build | ${fmt(p50(aml?.edit ?? []))} / ${fmt(p95(aml?.edit ?? []))} (${fmt(p50(aml?.edit ?? []) / b.floor, 2)}×) | ${fmt(p50(ysl?.edit ?? []))} / ${fmt(p95(ysl?.edit ?? []))} | ${fmt(aml && ysl ? p50(ysl.edit) / p50(aml.edit) : NaN)}× |`,
    );
  }
  return out;
}

function report(r) {
  const aml = r.sessions['aml-yaml'];
  const ysl = r.sessions['yaml-language-server'];
  const rows = [];
  const verdict = (ok) => (ok === undefined ? '–' : ok ? 'met' : '**missed**');
  const vsYsl = (key) => (aml && ysl ? p50(ysl[key]) / p50(aml[key]) : NaN);
  const lat = (label, key, extra) => {
    const ratio = vsYsl(key);
    rows.push(
      `| ${label} | ${fmt(p50(aml?.[key] ?? []))} / ${fmt(p95(aml?.[key] ?? []))} | ${fmt(p50(ysl?.[key] ?? []))} / ${fmt(p95(ysl?.[key] ?? []))} | ${fmt(ratio)}× | ${extra ?? ''} |`,
    );
    return ratio;
  };
  const floorBig = p50(r.bigFloor);
  const floorSmall = p50(r.smallFloor);
  const out = [];
  out.push(`Run ${r.date} · ${r.machine.cpu} · ${r.machine.memoryGb} GB · ${r.machine.os} · Node ${r.machine.node}`);
  out.push(
    `Load average before / after: ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${r.loadAfter.map((x) => x.toFixed(2)).join(' ')}${quick ? ' · **--quick run (few samples)**' : ''}`,
  );
  out.push('');
  out.push(
    `Workload: ${N.smallOpen} small specs in folders of ten (one workspace, three compute clusters, six command jobs; ~15% with a typo), one pipeline job of ${bigLines.length - 1} lines (${(bigText.length / 1024).toFixed(0)} KB, ${linesMatching(/^ {2}step_/).length} steps), ${N.index} specs to index. Both servers see the same text; yaml-language-server resolves the files' \`$schema\` URLs and the \`yaml.schemas\` globs to a local copy of \`schemas/\` (\`$id\`/\`$ref\` rewritten to \`file://\`, https served by the client through \`vscode/content\`, schema store off).`,
  );
  out.push('');
  out.push(
    `Comparable work: on the typo probe both reported the schema error (aml-yaml: ${aml?.schemaDiagnosticSeen ?? 'n/a'}, yaml-language-server: ${ysl?.schemaDiagnosticSeen ?? 'n/a'}); small files with findings: ${aml?.smallFilesWithFindings ?? 'n/a'} vs ${ysl?.smallFilesWithFindings ?? 'n/a'}; diagnostics on the pipeline: ${aml?.bigDiagnostics ?? 'n/a'} vs ${ysl?.bigDiagnostics ?? 'n/a'}; completion items per request: ${fmt(aml?.completionItemsAvg)} vs ${fmt(ysl?.completionItemsAvg)}; hovers answered: ${fmt((aml?.hoverAnswered ?? NaN) * 100, 0)}% vs ${fmt((ysl?.hoverAnswered ?? NaN) * 100, 0)}%.`,
  );
  out.push('');
  out.push('| latency (ms) | aml-yaml p50 / p95 | yaml-language-server p50 / p95 | ysl ÷ aml (p50) | notes |');
  out.push('|---|---|---|---|---|');
  const ratios = {};
  ratios.smallOpen = lat('didOpen → diagnostics, small spec', 'smallOpen', `parse floor p50 ${fmt(floorSmall, 2)} ms`);
  ratios.bigOpen = lat(
    `didOpen → diagnostics, ${bigLines.length - 1}-line pipeline`,
    'bigOpen',
    `parse floor p50 ${fmt(floorBig)} ms → ${fmt(p50(aml?.bigOpen ?? []) / floorBig, 2)}× floor`,
  );
  ratios.bigEdit = lat('keystroke → diagnostics, pipeline', 'bigEdit', `**${fmt(p50(aml?.bigEdit ?? []) / floorBig, 2)}× parse floor**`);
  ratios.smallEdit = lat('keystroke → diagnostics, small spec', 'smallEdit', '');
  ratios.completion = lat('completion, pipeline', 'completion', '');
  ratios.hover = lat('hover, pipeline', 'hover', '');
  out.push(...rows);
  out.push('');
  out.push(
    `Cold first open (schemas load and compile): aml-yaml ${fmt(aml?.coldOpenMs)} ms, yaml-language-server ${fmt(ysl?.coldOpenMs)} ms. Peak RSS: aml-yaml ${fmt(aml?.peakRssMb, 0)} MB, yaml-language-server ${fmt(ysl?.peakRssMb, 0)} MB (${N.smallOpen + 1 + N.bigOpen} documents opened).`,
  );
  out.push('');
  out.push(
    `Requests on another file while the pipeline is opened (a hover on a small spec every 10 ms, from when each is sent): aml-yaml p50 ${fmt(p50(aml?.otherDuringBigOpen ?? []))} / max ${fmt(Math.max(...(aml?.otherDuringBigOpen ?? [NaN])))} ms, yaml-language-server p50 ${fmt(p50(ysl?.otherDuringBigOpen ?? []))} / max ${fmt(Math.max(...(ysl?.otherDuringBigOpen ?? [NaN])))} ms.`,
  );
  out.push('');
  const ix = r.indexing;
  out.push(
    `| ${N.index} specs, fresh process, median of 5 interleaved runs | wall (ms) | × parse floor | CPU (ms, GC threads included) | peak RSS (MB) |`,
  );
  out.push('|---|---|---|---|---|');
  const ixRow = (label, r) =>
    out.push(`| ${label} | ${fmt(r.ms, 0)} | ${fmt(r.ms / ix.floor.ms, 2)}× | ${fmt(r.cpuMs, 0)} | ${fmt(r.peakRssMb, 0)} |`);
  ixRow('parse floor (`yaml` parseAllDocuments + toJS, files read with readFileSync)', ix.floor);
  ixRow(
    `workspace index (\`WorkspaceIndex.index\` with its worker pool: walk, read, parse, kinds, summaries, references, paths; ${ix.index.count} specs)`,
    ix.index,
  );
  ixRow('full analysis of each file (schema + rules, AmlLanguageService)', ix.analyze);
  out.push('');
  const sc = r.scale;
  out.push(
    `| ${sc.specs} specs (${sc.projects} projects, ${sc.yamlFiles} YAML files with workflows and conda files), fresh process, median of ${sc.ratios.length} interleaved rounds | wall (ms) | × parse floor | CPU (ms, all threads) | peak RSS (MB, all threads) | longest main-thread pause (ms) |`,
  );
  out.push('|---|---|---|---|---|---|');
  out.push(
    `| parse floor (\`yaml\` parseAllDocuments + toJS, readFileSync, one thread) | ${fmt(sc.floor.ms, 0)} | 1.00× | ${fmt(sc.floor.cpuMs, 0)} | ${fmt(sc.floor.peakRssMb, 0)} | – |`,
  );
  out.push(
    `| workspace index, ${sc.index.count} specs (worker pool reads and parses; the main thread walks and keeps the facts) | ${fmt(sc.index.ms, 0)} | ${fmt(p50(sc.ratios), 2)}× (median of the rounds' ratios: ${sc.ratios.map((x) => fmt(x, 2)).join(', ')}) | ${fmt(sc.index.cpuMs, 0)} | ${fmt(sc.index.peakRssMb, 0)} | ${fmt(sc.index.maxPauseMs, 0)} |`,
  );
  out.push('');
  out.push(
    `Over LSP on the same repository: indexing ended ${fmt(sc.lsp.indexMs / 1000, 1)} s after \`initialize\`; ${sc.lsp.hoversDuringIndexing} hovers on an open file meanwhile took p50 ${fmt(sc.lsp.hoverP50)} ms, p95 ${fmt(sc.lsp.hoverP95)} ms, max ${fmt(sc.lsp.hoverMax)} ms; peak RSS of the server process (worker threads included) ${fmt(sc.lsp.peakRssMb, 0)} MB. With ${sc.events.open} specs open, a change on disk to one compute cluster re-analysed ${sc.events.republished} of them (the job that names it, ${fmt(sc.events.changeMs, 0)} ms after the event); ${sc.events.floodEvents} Deleted events in one notification were applied and the next hover answered ${fmt(sc.events.floodMs, 0)} ms after it.`,
  );
  out.push('');
  const c = r.cli;
  if (c.skipped)
    out.push(
      `CLI over \`test/fixtures/corpus/\` (${c.files} YAML files): skipped (${c.skipped}); parse-floor process wall time ${fmt(c.floor, 0)} ms.`,
    );
  else
    out.push(
      `CLI \`aml-yaml check test/fixtures/corpus\` (${c.files} YAML files): ${fmt(c.ms, 0)} ms wall (exit ${c.status}${c.error ? `, error: ${c.error}` : ''}) vs ${fmt(c.floor, 0)} ms for a process that only reads and parses them: ${fmt(c.ms / c.floor, 2)}× the parse floor.`,
    );
  out.push('');
  if (r.bindings?.length) out.push(...bindingsTable(r.bindings), '');
  const rs = r.responsiveness;
  if (rs) {
    out.push(`| hover on a small spec (ms) | p50 | p95 | max | samples |`);
    out.push('|---|---|---|---|---|');
    const row = (label, s) =>
      out.push(`| ${label} | ${fmt(p50(s))} | ${fmt(p95(s))} | ${fmt(s.length ? Math.max(...s) : NaN)} | ${s.length} |`);
    row('idle server', rs.idle);
    row(
      `while a ${(rs.largeChars / 1024 / 1024).toFixed(1)} MB spec is analysed (worker thread; its analysis took ${rs.analysis.map((x) => fmt(x, 0)).join(', ')} ms)`,
      rs.during,
    );
    row('right after a 10 MB didOpen (read, then rejected as too large)', rs.huge);
    out.push('');
    out.push(
      `The tests (\`test/hostile/lsp.test.ts\`) assert no absolute time: hovers must be answered before the large spec's diagnostics arrive, with a median within 20× the idle hover or a tenth of the analysis, whichever is larger, measured in the same run.`,
    );
    out.push('');
  }
  out.push('| target (medians, 2 cores) | measured | verdict |');
  out.push('|---|---|---|');
  const t = (label, measured, ok) => out.push(`| ${label} | ${measured} | ${verdict(ok)} |`);
  for (const [k, label] of Object.entries({
    smallOpen: 'open, small',
    bigOpen: 'open, pipeline',
    bigEdit: 'edit, pipeline',
    smallEdit: 'edit, small',
    completion: 'completion',
    hover: 'hover',
  })) {
    t(`≥ 3× faster than yaml-language-server: ${label}`, `${fmt(ratios[k])}×`, Number.isFinite(ratios[k]) ? ratios[k] >= 3 : undefined);
  }
  const be = p50(aml?.bigEdit ?? []);
  t(
    'edit → diagnostics on the pipeline ≤ 1.5× its parse floor',
    `${fmt(be)} ms = ${fmt(be / floorBig, 2)}× (floor ${fmt(floorBig)} ms)`,
    aml ? be <= 1.5 * floorBig : undefined,
  );
  const so = p50(aml?.smallOpen ?? []);
  const se = p50(aml?.smallEdit ?? []);
  t('small files < 25 ms (open and edit)', `${fmt(so)} / ${fmt(se)} ms`, aml ? so < 25 && se < 25 : undefined);
  t('completion p95 < 10 ms, pipeline', `${fmt(p95(aml?.completion ?? []))} ms`, aml ? p95(aml.completion) < 10 : undefined);
  t('hover p95 < 10 ms, pipeline', `${fmt(p95(aml?.hover ?? []))} ms`, aml ? p95(aml.hover) < 10 : undefined);
  const otherMax = Math.max(...(aml?.otherDuringBigOpen ?? [NaN]), ...(r.hostile?.report?.results ?? []).map((x) => x.otherMax));
  t(
    'requests on other files answered within 100 ms, whatever is being analysed (pipeline opens and the hostile inputs below)',
    `max ${fmt(otherMax, 0)} ms`,
    Number.isFinite(otherMax) ? otherMax <= 100 : undefined,
  );
  t(
    'peak RSS at or below yaml-language-server',
    `${fmt(aml?.peakRssMb, 0)} vs ${fmt(ysl?.peakRssMb, 0)} MB`,
    aml && ysl ? aml.peakRssMb <= ysl.peakRssMb : undefined,
  );
  t(`${N.index} specs indexed ≤ 1.5× parse floor`, `${fmt(ix.index.ms / ix.floor.ms, 2)}×`, ix.index.ms <= 1.5 * ix.floor.ms);
  t(`${N.index} specs indexed < 120 MB RSS`, `${fmt(ix.index.peakRssMb, 0)} MB`, ix.index.peakRssMb < 120);
  // Each round runs the floor and the index back to back (same load): the median of the rounds' ratios.
  const scaleRatio = p50(sc.ratios);
  const peak = Math.max(sc.index.peakRssMb, sc.lsp.peakRssMb);
  t(
    `${sc.specs} specs indexed ≤ 1.5× parse floor (median of ${sc.ratios.length} rounds)`,
    `${fmt(scaleRatio, 2)}× (rounds: ${sc.ratios.map((x) => fmt(x, 2)).join(', ')})`,
    scaleRatio <= 1.5,
  );
  t(`${sc.specs} specs: peak RSS of the server process, worker threads included, ≤ 300 MB`, `${fmt(peak, 0)} MB`, peak <= 300);
  t(
    `${sc.specs} specs: requests on an open file answered during indexing (p95 < 100 ms)`,
    `p95 ${fmt(sc.lsp.hoverP95)} ms, max ${fmt(sc.lsp.hoverMax)} ms (${sc.lsp.hoversDuringIndexing} hovers)`,
    sc.lsp.hoverP95 < 100,
  );
  t(
    `${sc.specs} specs: a change to one compute spec re-analyses only the open files that name it`,
    `${sc.events.republished} of ${sc.events.open} open files re-analysed (the 1 job that names it: ${sc.events.dependentRepublished ? 'yes' : 'no'})`,
    sc.events.republished === 1 && sc.events.dependentRepublished,
  );
  if (r.hostile) {
    out.push('');
    out.push(
      'Hostile input (issue 15; `bench/hostile.mjs`, this server only): each document is opened while a second loop hovers on a small spec every 20 ms; "other file" is how long those hovers waited.',
    );
    out.push('');
    out.push(r.hostile.table ?? `failed: ${r.hostile.error}`);
  }
  return out.join('\n');
}

const results = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  machine: machine(),
  loadBefore: os.loadavg(),
  sessions: {},
};
try {
  if (args.has('--bindings-only')) {
    const b = await bindingEdits();
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(bindingsTable(b).join('\n'));
    process.exit(0);
  }
  for (const name of ['aml-yaml', 'yaml-language-server']) {
    if (only && !name.startsWith(only)) continue;
    log(`session: ${name}`);
    const t0 = performance.now();
    results.sessions[name] = await session(name);
    log(`session: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (args.has('--sessions-only')) {
    for (const [name, r] of Object.entries(results.sessions))
      console.log(
        JSON.stringify({
          name,
          peakRssMb: r.peakRssMb,
          bigOpen: p50(r.bigOpen),
          bigEdit: p50(r.bigEdit),
          smallOpen: p50(r.smallOpen),
          otherDuringBigOpen: { p50: p50(r.otherDuringBigOpen ?? []), max: Math.max(...(r.otherDuringBigOpen ?? [NaN])) },
          bigDiagnostics: r.bigDiagnostics,
        }),
      );
    process.exit(0);
  }
  log('parse floor');
  results.bigFloor = bigParseFloor();
  results.smallFloor = smallParseFloor();
  log('indexing');
  results.indexing = await indexing();
  log(`scale: ${N.scale} specs`);
  results.scale = await scaleBench({ root, tmp, specs: N.scale, rounds: N.scaleRounds, probe: results.indexing.probe, log });
  log('cli');
  results.cli = cli();
  log('bindings: pipelines whose steps run a local component');
  results.bindings = await bindingEdits();
  if (!only || only.startsWith('aml')) {
    log('responsiveness');
    results.responsiveness = await responsiveness(root, quick ? { idleSamples: 15, rounds: 1 } : {});
    log('hostile input (bench/hostile.mjs)');
    results.hostile = hostile();
  }
  results.loadAfter = os.loadavg();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const text = report(results);
fs.mkdirSync(path.join(root, 'out', 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'out', 'bench', 'results.json'), JSON.stringify(results, null, 1));
console.log(text);
if (!args.has('--no-write') && !quick && !only) {
  const doc = path.join(root, 'docs', 'performance.md');
  const begin = '<!-- bench:results:begin (written by `npm run bench`) -->';
  const end = '<!-- bench:results:end -->';
  let md = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : `# Performance\n\n${begin}\n${end}\n`;
  if (!md.includes(begin)) md += `\n${begin}\n${end}\n`;
  md = md.slice(0, md.indexOf(begin) + begin.length) + '\n' + text + '\n' + md.slice(md.indexOf(end));
  fs.mkdirSync(path.dirname(doc), { recursive: true });
  fs.writeFileSync(doc, md);
  log(`wrote ${path.relative(root, doc)}`);
}
