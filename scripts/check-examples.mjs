#!/usr/bin/env node
// `npm run check:examples`: checks examples/ with the CLI and shows the
// findings, then verifies they are exactly the deliberate mistakes the
// examples annotate, and that examples/fixed/ is clean.
//
// The CLI itself exits 1 on examples/ (it has errors, by design); this script
// exits 0 when every finding is expected and 1 when a finding is missing or
// unexpected. An annotation is a comment `# expect <rule-id>: why` above the
// offending line. An annotated rule that is not in the catalogue yet is
// reported as pending rather than failing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'aml-yaml.js');
const EXAMPLES = 'examples';
const FIXED = 'examples/fixed';
const ANNOTATION = /^\s*#\s*expect\s+([a-z0-9][a-z0-9-]*)\s*:/;

function run(args, stdio = 'pipe') {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return r;
}

/** `# expect` annotations of every YAML file under examples/ except fixed/: path -> [{code, line}]. */
export function readAnnotations(dir = path.join(root, EXAMPLES), skip = path.join(root, FIXED)) {
  const out = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (p !== skip && e.name !== 'node_modules') walk(p);
      } else if (/\.ya?ml$/i.test(e.name)) {
        const lines = fs.readFileSync(p, 'utf8').split(/\r?\n/);
        const list = [];
        lines.forEach((text, i) => {
          const m = ANNOTATION.exec(text);
          if (!m) return;
          let target = i + 1;
          while (target < lines.length && /^\s*(#.*)?$/.test(lines[target])) target++;
          list.push({ code: m[1], line: target });
        });
        if (list.length) out.set(path.relative(root, p).split(path.sep).join('/'), list);
      }
    }
  };
  walk(dir);
  return out;
}

/** Compares SARIF results with the annotations; returns { problems, pending, matched }. */
export function compare(sarif, annotations) {
  const run0 = sarif.runs[0];
  const known = new Set(run0.tool.driver.rules.map((r) => r.id));
  const actual = new Map();
  for (const r of run0.results) {
    const file = decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri);
    const line = r.locations[0].physicalLocation.region.startLine - 1;
    if (!actual.has(file)) actual.set(file, []);
    actual.get(file).push({ code: r.ruleId, line, message: r.message.text });
  }
  const problems = [];
  const pending = new Set();
  let matched = 0;
  for (const file of new Set([...annotations.keys(), ...actual.keys()])) {
    const want = [...(annotations.get(file) ?? [])];
    const got = [...(actual.get(file) ?? [])];
    for (const w of want) {
      const i = got.findIndex((g) => g.code === w.code);
      if (i >= 0) {
        got.splice(i, 1);
        matched++;
      } else if (!known.has(w.code)) pending.add(w.code);
      else problems.push(`${file}:${w.line + 1}: expected ${w.code}, not reported`);
    }
    for (const g of got) problems.push(`${file}:${g.line + 1}: unexpected ${g.code}: ${g.message}`);
  }
  return { problems, pending: [...pending].sort(), matched };
}

function main() {
  const args = ['check', EXAMPLES, '--ignore', FIXED];
  console.log(`$ aml-yaml ${args.join(' ')}\n`);
  const shown = run(args, 'inherit');
  const sarifRun = run([...args, '--format', 'sarif']);
  if (sarifRun.status === 2) {
    process.stderr.write(sarifRun.stderr);
    process.exit(2);
  }
  const annotations = readAnnotations();
  const { problems, pending, matched } = compare(JSON.parse(sarifRun.stdout), annotations);

  const fixedRun = run(['check', FIXED, '--format', 'json']);
  const fixed = JSON.parse(fixedRun.stdout);
  for (const f of fixed.files) {
    for (const d of f.diagnostics) {
      // A suppression comment that names a rule still being written is not a problem yet.
      const pendingId = d.code === 'unknown-rule-id' && pending.find((id) => d.message.includes(`"${id}"`));
      if (!pendingId) problems.push(`${f.path}:${d.range.start.line + 1}: ${d.code}: ${d.message} (examples/fixed must be clean)`);
    }
  }

  console.log('');
  if (pending.length) console.log(`check:examples: annotated rules not in the catalogue yet (pending): ${pending.join(', ')}`);
  if (problems.length) {
    console.log(`check:examples: the findings differ from the "# expect" annotations of ${EXAMPLES}/:`);
    for (const p of problems) console.log(`  ${p}`);
    process.exit(1);
  }
  console.log(
    `check:examples: OK. aml-yaml exited ${shown.status} on ${EXAMPLES}/ as it should (the examples contain deliberate errors); ` +
      `all ${matched} findings are the mistakes annotated with "# expect" comments, and ${FIXED}/ has no problems.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
