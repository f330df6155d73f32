#!/usr/bin/env node
// Records, or checks, what the Azure ML loader (azure-ai-ml's load_<x>(), the
// function `az ml <x> create --file` runs first) says about the conformance
// cases of test/conformance: every real spec with a loader, and seeded
// single-edit mutants of the accepted ones (test/conformance/cases.ts).
//
//   node scripts/conformance.mjs --record   write test/conformance/verdicts.json
//   node scripts/conformance.mjs --check    exit 1 when the cases or the loader's
//                                           verdicts differ from the recorded ones
//
// Needs a Python with azure-ai-ml: Debian's python3-azure (`apt-get install
// python3-azure`); AML_YAML_PYTHON picks another interpreter. Our own runner
// (test/conformance/loader/run_loader.py) answers over a pipe; the specs are
// copied to a temporary tree with empty stand-ins for the local files and
// folders they name (code, path, conda_file...), so the loader judges the YAML.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// yaml's notes about odd keys in templates are not ours to report.
process.removeAllListeners('warning');
const mode = process.argv.includes('--record') ? 'record' : process.argv.includes('--check') ? 'check' : undefined;
if (!mode) {
  console.error('usage: node scripts/conformance.mjs --record | --check');
  process.exit(2);
}
const python = process.env.AML_YAML_PYTHON ?? '/usr/bin/python3';
process.chdir(root);
const cases = await tsImport(pathToFileURL(path.join(root, 'test', 'conformance', 'cases.ts')).href, import.meta.url);

const probe = spawnSync(python, ['-c', 'import azure.ai.ml'], { encoding: 'utf8', env: loaderEnv() });
if (probe.status !== 0) {
  console.error(
    `conformance: ${python} cannot import azure.ai.ml (install Debian's python3-azure, or set AML_YAML_PYTHON)\n${(probe.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`,
  );
  process.exit(2);
}

function loaderEnv() {
  const standIns = path.join(root, 'test', 'conformance', 'loader', 'stand-ins');
  return {
    ...process.env,
    PYTHONHASHSEED: '0',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONPATH: [process.env.PYTHONPATH, standIns].filter(Boolean).join(path.delimiter),
  };
}

/** The loader worker: one request per line, one answer per line, in order. */
class Loader {
  constructor() {
    this.proc = spawn(python, [path.join(root, 'test', 'conformance', 'loader', 'run_loader.py')], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: loaderEnv(),
    });
    this.lines = readline.createInterface({ input: this.proc.stdout });
    this.waiting = [];
    this.buffered = [];
    this.lines.on('line', (l) => (this.waiting.length ? this.waiting.shift()(l) : this.buffered.push(l)));
    this.proc.on('exit', (code) => {
      for (const w of this.waiting.splice(0))
        w(JSON.stringify({ ok: null, error: 'Exited', message: `the loader process exited (${code})` }));
    });
  }
  next() {
    return new Promise((resolve) => (this.buffered.length ? resolve(this.buffered.shift()) : this.waiting.push(resolve)));
  }
  async start() {
    this.info = JSON.parse(await this.next());
  }
  async load(loader, file) {
    this.proc.stdin.write(`${JSON.stringify({ id: file, loader, path: file })}\n`);
    return JSON.parse(await this.next());
  }
  stop() {
    this.proc.stdin.end();
  }
}

const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-conformance-'));
process.on('exit', () => fs.rmSync(tree, { recursive: true, force: true }));
const inTree = (file) => path.join(tree, file);

/** Copies the specs into the tree with empty stand-ins for the local files and folders they name. */
function materialise(specs) {
  fs.cpSync(path.join(cases.CORPUS, 'azureml-examples'), path.join(tree, 'corpus'), { recursive: true });
  fs.cpSync(cases.SEEDS, path.join(tree, 'seeds'), { recursive: true });
  for (const spec of specs) {
    const dir = path.dirname(inTree(spec.file));
    let values = [];
    try {
      for (const doc of parseAllDocuments(fs.readFileSync(inTree(spec.file), 'utf8'))) values.push(...strings(doc.toJS()));
    } catch {
      values = [];
    }
    const code = values.find((v) => v.key === 'code')?.value;
    for (const { key, value } of values) {
      if (!looksLocal(value) && !(LOCAL_KEYS.has(key) && isRelative(value))) continue;
      for (const base of [dir, code && looksLocal(code) ? path.resolve(dir, code) : undefined]) {
        if (!base) continue;
        const target = path.resolve(base, value.replace(/^file:/, ''));
        if (!target.startsWith(tree + path.sep) || fs.existsSync(target)) continue;
        const isFile = /\.[A-Za-z0-9]{1,8}$/.test(path.basename(target)) && !value.endsWith('/');
        // A YAML file the corpus lacks (a component, a job) stays missing: an empty stand-in is not a spec.
        // A conda file gets the smallest conda environment instead.
        if (isFile && /\.ya?ml$/i.test(target) && key !== 'conda_file') continue;
        try {
          fs.mkdirSync(isFile ? path.dirname(target) : target, { recursive: true });
          if (isFile) fs.writeFileSync(target, key === 'conda_file' ? 'name: stand-in\ndependencies:\n  - python=3.10\n' : '');
        } catch {
          // a path through a file (code: train.py, then entry relative to it): not a place for a stand-in
        }
      }
    }
  }
}

function strings(v, key = '', out = []) {
  if (typeof v === 'string') out.push({ key, value: v });
  else if (Array.isArray(v)) v.forEach((x) => strings(x, key, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, k, out);
  return out;
}

/** Keys whose string value is a local path when it is not a URI or an asset reference. */
const LOCAL_KEYS = new Set([
  'code',
  'path',
  'conda_file',
  'local_path',
  'file',
  'entry_script',
  'scoring_script',
  'model_path',
  'dockerfile_path',
]);
const isRelative = (s) =>
  !!s && !/\s/.test(s) && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && !s.startsWith('/') && !s.includes('${{') && !s.includes('<');

function looksLocal(s) {
  if (!s || /\s/.test(s) || s.length > 300 || s.includes('${{') || s.includes('<')) return false;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:(?!\w*\.)/.test(s) && !s.startsWith('file:')) return false;
  if (s.startsWith('/') || s.startsWith('~') || s.startsWith('$')) return false;
  return s.startsWith('./') || s.startsWith('../') || s.startsWith('file:') || s.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(s);
}

const untree = (t) =>
  String(t ?? '')
    .split(tree)
    .join('<tree>');
const normalise = (r) => ({
  ok: r.ok,
  error: r.error ?? '',
  message: untree(r.message).slice(0, 300),
  ...(r.errors ? { errors: r.errors.map(([p, m]) => [p, untree(m)]) } : {}),
});

async function record() {
  const specs = cases.listSpecs();
  materialise(specs);
  const loader = new Loader();
  await loader.start();
  const specCases = [];
  for (const spec of specs) specCases.push({ ...spec, ...normalise(await loader.load(spec.loader, inTree(spec.file))) });
  const accepted = specCases.filter((s) => s.ok === true);
  const chosen = cases.chooseMutants(accepted);
  const mutants = [];
  for (let i = 0; i < chosen.length; i++) {
    const m = chosen[i];
    const file = path.join(path.dirname(inTree(m.spec)), `__aml_yaml_mutant_${i}_${path.basename(m.spec)}`);
    fs.writeFileSync(file, cases.mutatedText(m));
    const spec = specs.find((s) => s.file === m.spec);
    mutants.push({ ...m, ...normalise(await loader.load(spec.loader, file)) });
    fs.rmSync(file);
  }
  loader.stop();
  return { loader: { package: 'azure-ai-ml', version: loader.info.version }, seed: cases.SEED, specs: specCases, mutants };
}

const started = Date.now();
const fresh = await record();
const summary = `${fresh.specs.length} specs (${fresh.specs.filter((s) => s.ok).length} accepted), ${fresh.mutants.length} mutants (${fresh.mutants.filter((m) => m.ok === false).length} rejected), azure-ai-ml ${fresh.loader.version}, ${((Date.now() - started) / 1000).toFixed(0)} s`;
if (mode === 'record') {
  fs.writeFileSync(cases.VERDICTS_FILE, cases.formatRecorded(fresh));
  console.log(`conformance: recorded ${summary}`);
} else {
  const old = cases.readRecorded();
  const diffs = [];
  if (old.loader.version !== fresh.loader.version)
    diffs.push(`loader version: recorded ${old.loader.version}, installed ${fresh.loader.version}`);
  const key = (c) => c.id ?? c.file;
  for (const [label, a, b] of [
    ['spec', old.specs, fresh.specs],
    ['mutant', old.mutants, fresh.mutants],
  ]) {
    const before = new Map(a.map((c) => [key(c), c]));
    const after = new Map(b.map((c) => [key(c), c]));
    for (const [k, c] of after) {
      const was = before.get(k);
      if (!was) diffs.push(`new ${label} case ${k}`);
      else if (JSON.stringify(was) !== JSON.stringify(c))
        diffs.push(
          `${label} ${k}: recorded ${JSON.stringify({ ok: was.ok, message: was.message.slice(0, 120), ...(was.sha1 && was.sha1 !== c.sha1 ? { sha1: 'changed' } : {}) })}, now ${JSON.stringify({ ok: c.ok, message: c.message.slice(0, 120) })}`,
        );
    }
    for (const k of before.keys()) if (!after.has(k)) diffs.push(`${label} case ${k} is no longer generated`);
  }
  // Every exception must still match a case: a stale one hides nothing and misleads.
  const exceptions = cases.readExceptions();
  const used = new Set();
  const dataOf = (text) => {
    try {
      return parse(text);
    } catch {
      return undefined;
    }
  };
  for (const s of fresh.specs)
    for (const e of cases.expectedVerdict(exceptions, { ...s, op: 'spec', spec: s.file, data: dataOf(cases.readSpec(s.file)) }).because)
      used.add(e.id);
  for (const m of fresh.mutants)
    for (const e of cases.expectedVerdict(exceptions, { ...m, data: dataOf(cases.mutatedText(m)) }).because) used.add(e.id);
  for (const e of exceptions) if (!used.has(e.id)) diffs.push(`exception ${e.id} decides no case`);
  if (diffs.length) {
    console.error(
      `conformance: the loader's verdicts drifted from test/conformance/verdicts.json (${diffs.length} differences; re-record with node scripts/conformance.mjs --record and review the diff):`,
    );
    for (const d of diffs.slice(0, 60)) console.error(`  ${d}`);
    process.exit(1);
  }
  console.log(`conformance: verdicts match: ${summary}`);
}
