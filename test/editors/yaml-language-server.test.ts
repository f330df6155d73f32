// The standalone schemas (dist/schemas/<kind>.schema.json, built from schemas/)
// in Red Hat's yaml-language-server, the npm package every Red Hat YAML,
// Neovim (yamlls) and many other editors run: each schema loads offline, the
// starter spec of each kind is valid in it, the corpus specs the CLI accepts
// get no error, and on mutated specs it reports errors exactly where aml-yaml
// does. The mutations are ones a JSON-Schema-only tool can judge; the
// disagreements the README documents are checked to exist as documented.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { KINDS } from '../../server/src/core/kinds';
import type { Diagnostic } from '../../server/src/core/types';
import { starters } from '../../server/src/features/starters';
import { readSchemaFiles, standaloneSchemaText } from '../../server/src/node/schemaFiles';
import { expand, factsOf, propertiesOf } from '../../server/src/schema/navigate';
import { collectRefs } from '../../server/src/schema/standalone';
import { corpusManifest, corpusPath, ROOT, schemaLine, service } from '../helpers';
import { YamlLanguageServer, type LspDiagnostic } from './yamlLs';

const DIST = path.join(ROOT, 'dist', 'schemas');
const SCHEMA_CODES = new Set(['unknown-key', 'wrong-type', 'invalid-enum', 'missing-required', 'invalid-value']);
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const kinds = [...readSchemaFiles(path.join(ROOT, 'schemas')).kindRoots.keys()].sort();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-ysl-'));
let ysl: YamlLanguageServer;
let docCount = 0;

const modeline = (kind: string) => `# yaml-language-server: $schema=${path.join(DIST, `${kind}.schema.json`)}\n`;
/** Problems yaml-language-server reports (errors and warnings). */
async function yslProblems(text: string, name = `doc${++docCount}.yml`): Promise<LspDiagnostic[]> {
  const uri = pathToFileURL(path.join(tmp, name)).toString();
  const ds = await ysl.diagnostics(uri, text, 1);
  await ysl.close(uri);
  return ds.filter((d) => (d.severity ?? 1) <= 2);
}
/** aml-yaml's schema problems (errors and warnings), as in the editor. */
function ourProblems(text: string): Diagnostic[] {
  return service()
    .diagnostics({ uri: `file:///ysl/doc${++docCount}.yml`, version: 1, text })
    .filter((d) => SCHEMA_CODES.has(d.code) && d.severity <= 2);
}
const lines = (ds: Array<{ range: { start: { line: number } } }>) => [...new Set(ds.map((d) => d.range.start.line))].sort((a, b) => a - b);
const show = (ds: Array<{ range: { start: { line: number } }; message: string }>) =>
  ds.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; ') || 'nothing';

function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/**
 * Up to two specs per kind from the corpus manifest, in manifest order, among
 * those the CLI accepts (the corpus suite holds aml-yaml to no error on them,
 * except the few it lists as rejected by the CLI, which are left out here).
 */
function corpusSample(): Array<{ file: string; kind: string; text: string }> {
  const taken = new Map<string, number>();
  const out: Array<{ file: string; kind: string; text: string }> = [];
  for (const { file, kind: listed } of corpusManifest()) {
    const kind = KINDS.find((k) => k.id === listed || k.aliases?.includes(listed))?.id;
    if (!kind || !kinds.includes(kind) || (taken.get(kind) ?? 0) >= 2) continue;
    const text = fs.readFileSync(corpusPath(file), 'utf8');
    if (
      service()
        .diagnostics({ uri: `file:///corpus/${file}`, version: 1, text })
        .some((d) => d.severity === 1)
    )
      continue;
    taken.set(kind, (taken.get(kind) ?? 0) + 1);
    out.push({ file, kind, text });
  }
  return out;
}

type Mutant = { operator: 'unknown-key' | 'wrong-type' | 'invalid-enum' | 'missing-required'; key: string; text: string };

/** Single-edit mutants at the top level of a spec, chosen from the kind's schema. */
function mutants(kind: string, text: string): Mutant[] {
  const store = service().store;
  const props = propertiesOf(store, expand(store, [store.root(kind)!], {}));
  const src = text.replace(/\s*$/, '\n').split('\n');
  const at = (key: string) => src.findIndex((l) => l.startsWith(`${key}:`));
  const blockEnd = (i: number) => {
    let j = i + 1;
    while (j < src.length && (src[j] === '' || /^[\s#]/.test(src[j]))) j++;
    return j;
  };
  const out: Mutant[] = [{ operator: 'unknown-key', key: 'zz_not_a_field', text: `${src.join('\n')}zz_not_a_field: 1\n` }];
  const with_ = (i: number, end: number, replacement: string[]) => [...src.slice(0, i), ...replacement, ...src.slice(end)].join('\n');
  for (const p of props) {
    const i = at(p.name);
    if (i < 0 || p.name === '$schema') continue;
    const f = factsOf(p.schemas);
    const scalar = blockEnd(i) === i + 1 && !/:\s*[|>]/.test(src[i]);
    if (scalar && f.enumValues.length && !out.some((m) => m.operator === 'invalid-enum'))
      out.push({ operator: 'invalid-enum', key: p.name, text: with_(i, i + 1, [`${p.name}: zz_invalid`]) });
    if (scalar && f.types.length === 1 && f.types[0] === 'string' && !f.enumValues.length && !out.some((m) => m.operator === 'wrong-type'))
      out.push({ operator: 'wrong-type', key: p.name, text: with_(i, i + 1, [`${p.name}: [1, 2]`]) });
    if (p.required && !out.some((m) => m.operator === 'missing-required'))
      out.push({ operator: 'missing-required', key: p.name, text: with_(i, blockEnd(i), []) });
  }
  return out;
}

before(async () => {
  ysl = new YamlLanguageServer({ schemas: { [path.join(DIST, 'amlCompute.schema.json')]: ['**/compute/*.yml'] } });
  await ysl.start(pathToFileURL(tmp).toString());
});
after(async () => {
  await ysl?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('standalone schemas', () => {
  test('one self-contained file per kind, as the build writes it from schemas/', () => {
    const files = readSchemaFiles(path.join(ROOT, 'schemas'));
    assert.ok(kinds.length >= 40, `only ${kinds.length} kinds`);
    for (const kind of kinds) {
      const file = path.join(DIST, `${kind}.schema.json`);
      assert.ok(fs.existsSync(file), `${file} is missing: run node scripts/build.mjs`);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text, standaloneSchemaText(files, kind, version), `${kind}: dist/schemas is stale: run node scripts/build.mjs`);
      const schema = JSON.parse(text);
      assert.equal(schema.$id, undefined, `${kind}: no $id that a tool would try to resolve against`);
      assert.deepEqual(
        collectRefs(schema).filter((r) => !r.startsWith('#/')),
        [],
        `${kind}: every $ref points inside the file`,
      );
      assert.ok(!/"x-[A-Za-z]|"discriminator"/.test(text), `${kind}: no aml-yaml-only keywords`);
      // ajv in strict mode knows no keyword beyond JSON Schema 2020-12: nothing else is left.
      new Ajv2020({ strict: true, allowUnionTypes: true, code: { optimize: false } }).compile(schema);
    }
  });

  test("every schema loads in yaml-language-server, and each kind's starter spec is valid there", async () => {
    const byKind = new Map(
      starters(service())
        .filter((s) => s.id === s.kind)
        .map((s) => [s.kind, s]),
    );
    const failures: string[] = [];
    await Promise.all(
      kinds.map(async (kind) => {
        const starter = byKind.get(kind);
        const text = modeline(kind) + (starter ? expandSnippet(starter.snippet) : '');
        const ds = await yslProblems(text, `starter-${kind}.yml`);
        if (ds.length) failures.push(`${kind}: ${show(ds)}`);
      }),
    );
    assert.equal(byKind.size, kinds.length, 'a starter per kind');
    assert.deepEqual(failures, []);
  });

  test('yaml.schemas associations and relative modelines reach the schemas too', async () => {
    fs.mkdirSync(path.join(tmp, 'compute'), { recursive: true });
    const assoc = await yslProblems('name: cpu\ntype: amlcompute\nsize: Standard_DS3_v2\nmax_instances: many\n', 'compute/cpu.yml');
    assert.deepEqual(lines(assoc), [3], `an association without $schema: ${show(assoc)}`);
    const rel = path.relative(tmp, path.join(DIST, 'workspace.schema.json')).split(path.sep).join('/');
    const relative = await yslProblems(`# yaml-language-server: $schema=${rel}\nname: ws\nlocaton: eastus\n`, 'relative.yml');
    assert.deepEqual(lines(relative), [2], `a relative path in the modeline: ${show(relative)}`);
    assert.deepEqual(ysl.contentRequests, [], 'nothing was downloaded');
  });

  const sample = corpusSample();

  test(`corpus specs the CLI accepts get no error (${sample.length} specs, up to two per kind)`, async () => {
    assert.ok(sample.length >= 60, `only ${sample.length} specs sampled`);
    const failures: string[] = [];
    await Promise.all(
      sample.map(async ({ file, kind, text }) => {
        const ds = (await yslProblems(modeline(kind) + text)).filter((d) => d.severity === 1);
        if (ds.length) failures.push(`${file} (${kind}): ${show(ds)}`);
      }),
    );
    assert.deepEqual(failures, []);
  });

  test('on mutated specs yaml-language-server reports errors on the lines aml-yaml does', async () => {
    const failures: string[] = [];
    const judged = new Map<string, number>();
    let undetected = 0;
    let bothSilent = 0;
    const jobs: Array<Promise<void>> = [];
    for (const { file, kind, text } of sample) {
      for (const m of mutants(kind, modeline(kind) + text)) {
        // aml-yaml detects the kind from the file; a mutant that loses what identifies it (a type tag
        // of a spec without $schema) is not that kind any more, while the modeline still names one.
        if (service().kindOf({ uri: `file:///ysl/k${++docCount}.yml`, version: 1, text: m.text })?.kind !== kind) {
          undetected++;
          continue;
        }
        jobs.push(
          (async () => {
            const ours = ourProblems(m.text);
            const theirs = await yslProblems(m.text);
            if (JSON.stringify(lines(ours)) !== JSON.stringify(lines(theirs)))
              failures.push(`${file} ${m.operator} ${m.key}:\n  aml-yaml: ${show(ours)}\n  yaml-language-server: ${show(theirs)}`);
            // An unknown key in a kind whose top level is open (prompt flow files) is no error for either.
            else if (!ours.length) bothSilent++;
            else judged.set(m.operator, (judged.get(m.operator) ?? 0) + 1);
          })(),
        );
      }
    }
    await Promise.all(jobs);
    const total = [...judged.values()].reduce((a, b) => a + b, 0);
    console.log(
      `mutants with an error, same lines in both: ${total} (${[...judged].map(([k, v]) => `${k} ${v}`).join(', ')}); no error in either: ${bothSilent}; kind no longer detected: ${undetected}`,
    );
    assert.deepEqual(failures, []);
    for (const op of ['unknown-key', 'wrong-type', 'invalid-enum', 'missing-required'])
      assert.ok((judged.get(op) ?? 0) >= 15, `${op}: only ${judged.get(op) ?? 0} mutants judged`);
  });

  test('the documented disagreements exist: what only aml-yaml knows about the CLI', async () => {
    // A ${{ }} binding where a number is expected: the CLI resolves it when the pipeline runs.
    const binding = `${modeline('commandJob')}${schemaLine('commandJob')}\ntype: command\ncommand: python train.py\nenvironment: azureml:env:1\nresources:\n  instance_count: \${{parent.inputs.n}}\n`;
    assert.deepEqual(ourProblems(binding), [], 'aml-yaml accepts a binding, as the CLI does');
    assert.ok(
      (await yslProblems(binding)).some((d) => d.severity === 1),
      'a JSON Schema tool flags it',
    );
    // Rules across fields and files are aml-yaml's own: JSON Schema cannot say them.
    const privateWs = `${modeline('workspace')}${schemaLine('workspace')}\nname: ws\nlocation: eastus\npublic_network_access: Disabled\n`;
    assert.ok(
      service()
        .diagnostics({ uri: 'file:///ysl/private.yml', version: 1, text: privateWs })
        .some((d) => d.code === 'private-workspace-image-build-compute'),
    );
    assert.deepEqual(await yslProblems(privateWs), []);
    // The CLI's casing transforms are in the standalone schemas: spellings it accepts are accepted...
    const casing = `${modeline('amlCompute')}${schemaLine('amlCompute')}\nname: c\ntype: AmlCompute\nidentity:\n  type: SystemAssigned\n`;
    assert.equal(service().kindOf({ uri: 'file:///ysl/cluster.yml', version: 1, text: casing })?.kind, 'amlCompute');
    assert.deepEqual(ourProblems(casing), []);
    assert.deepEqual(await yslProblems(casing), []);
    // ...and where it compares exactly (a datastore's type), other spellings are errors in both.
    const exact = `${modeline('azureBlob')}${schemaLine('azureBlob')}\nname: b\ntype: AzureBlob\naccount_name: a\ncontainer_name: c\n`;
    assert.equal(ourProblems(exact).length, 1);
    assert.ok((await yslProblems(exact)).some((d) => d.severity === 1));
  });
});
