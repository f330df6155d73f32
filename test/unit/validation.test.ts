import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Severity } from '../../server/src/core/types';
import { applyEdits, doc, schemaLine, service } from '../helpers';
import { rangeOf } from '../markers';

const diags = (text: string) => service().diagnostics(doc(text));
const one = (text: string, code: string) => {
  const found = diags(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, JSON.stringify(diags(text).map((d) => [d.code, d.message])));
  return found[0];
};

describe('schema diagnostics', () => {
  test('YAML syntax error with its position', () => {
    const d = one(`${schemaLine('workspace')}\nname: [unclosed\n`, 'yaml-syntax');
    assert.equal(d.severity, Severity.Error);
    assert.equal(d.source, 'aml-yaml');
  });

  test('duplicate keys: a warning on the whole repeated key, naming it (PyYAML keeps the last value; the CLI does not fail)', () => {
    const text = `${schemaLine('workspace')}\nname: a\nname: b\n`;
    const d = one(text, 'duplicate-key');
    assert.deepEqual(d.range, rangeOf(text, '«name»: b'), 'the whole repeated key');
    assert.equal(d.severity, Severity.Warning, 'azure-ai-ml 1.4.0 loads with yaml.safe_load, which keeps the last value');
    assert.match(d.message, /^The key "name" appears earlier in this mapping\./);
    assert.doesNotMatch(d.message, /Map keys must be unique/);
    const quoted = `${schemaLine('workspace')}\nname: a\ntags:\n  "cost center": x\n  'cost center': y\n`;
    assert.deepEqual(one(quoted, 'duplicate-key').range, rangeOf(quoted, `«'cost center'»: y`), 'a quoted key with its quotes');
  });

  test('duplicate keys: a long key is cut short in the message, a repeated merge key is not a duplicate', () => {
    const long = 'k'.repeat(500);
    const text = `${schemaLine('workspace')}\nname: a\ntags:\n  ${long}: 1\n  ${long}: 2\n`;
    const d = one(text, 'duplicate-key');
    assert.ok(d.message.length < 300, d.message);
    assert.equal(d.range.end.character - d.range.start.character, 500);
    const merges = `${schemaLine('workspace')}\nname: a\nx: &a {p: 1}\ny: &b {q: 2}\ntags:\n  <<: *a\n  <<: *b\n`;
    assert.equal(diags(merges).filter((x) => x.code === 'duplicate-key').length, 0, 'PyYAML applies each << of a mapping');
  });

  test('unknown key on the key, with did-you-mean and a fix', () => {
    const d = one(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instance: 4\n`, 'unknown-key');
    assert.deepEqual(d.range, rangeOf(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instance: 4\n`, '«max_instance»: 4'));
    assert.equal(d.message, 'Unknown key "max_instance" in a compute cluster spec. Did you mean "max_instances"?');
    assert.equal(d.severity, Severity.Error, 'the CLI rejects unknown keys (marshmallow RAISE)');
    const [fix] = service().codeActions(
      doc(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instance: 4\n`, 'file:///t/typo.yml'),
      d.range,
      [d],
    );
    assert.equal(fix.title, 'Change to "max_instances"');
  });

  test('a misspelling of a key that is already present: did-you-mean and a removal fix that is not applied by fix-all', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instances: 2\nmax_instance: 4\nmin_instances: 0\n`;
    const d = one(text, 'unknown-key');
    assert.equal(
      d.message,
      'Unknown key "max_instance" in a compute cluster spec. Did you mean "max_instances"? It is already set here: keep one of the two.',
    );
    const actions = service().codeActions(doc(text, 'file:///t/dup.yml'), d.range, [d]);
    const removal = actions.find((a) => a.title === 'Remove "max_instance" (keep "max_instances")');
    assert.ok(removal, JSON.stringify(actions.map((a) => a.title)));
    assert.notEqual(removal!.isPreferred, true);
    const edit = removal!.edit!.changes!['file:///t/dup.yml'][0];
    assert.deepEqual(edit.range, { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } });
    assert.equal(edit.newText, '');
  });

  test('an unknown key without a near miss names the kind by its title', () => {
    const d = one(`${schemaLine('azureBlob')}\nname: b\ntype: azure_blob\naccount_name: a\ncontainer_name: c\nfoo: 1\n`, 'unknown-key');
    assert.equal(d.message, 'Unknown key "foo" in an Azure Blob datastore spec; the CLI rejects keys it does not know.');
  });

  test('keys the loader accepts and ignores (x-unknown include/exclude) are not reported', () => {
    const text = `${schemaLine('pipelineJob')}\ntype: pipeline\nsettings:\n  default_compute: azureml:cpu\n  my_own_setting: 1\njobs:\n  a:\n    type: command\n    command: echo\n    environment: azureml:e:1\n`;
    assert.deepEqual(
      diags(text).filter((d) => d.code === 'unknown-key'),
      [],
    );
  });

  test('numbers and booleans written as strings are accepted where the loader converts them', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmin_instances: "0"\nmax_instances: '4'\nidle_time_before_scale_down: " 120 "\nenable_node_public_ip: "yes"\n`;
    assert.deepEqual(
      diags(text).filter((d) => d.severity === Severity.Error),
      [],
    );
    const bad = one(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instances: "4.5"\n`, 'wrong-type');
    assert.match(bad.message, /"max_instances" expects an integer, not the string "4.5"/);
  });

  test('a value in another case: a hint where the loader transforms it, an error where it compares exactly', () => {
    const hinted = one(`${schemaLine('amlCompute')}\nname: c\ntype: AmlCompute\n`, 'non-canonical-enum');
    assert.equal(hinted.severity, Severity.Hint);
    const exact = one(`${schemaLine('pipelineJob')}\ntype: Pipeline\njobs: {}\n`, 'invalid-enum');
    assert.equal(
      exact.message,
      'The string "Pipeline" is not allowed for "type": the CLI compares it exactly, so the case matters. Write "pipeline".',
    );
  });

  test('wrong type on the value', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmax_instances: four\n`;
    const d = one(text, 'wrong-type');
    assert.deepEqual(d.range, rangeOf(text, 'max_instances: «four»'));
    assert.match(d.message, /"max_instances" expects an integer, not the string "four"/);
  });

  test('invalid enum on the value, with suggestion', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\ntier: lowpriority\n`;
    const d = one(text, 'invalid-enum');
    assert.deepEqual(d.range, rangeOf(text, 'tier: «lowpriority»'));
    assert.match(d.message, /Allowed values: dedicated, low_priority\. Did you mean "low_priority"\?/);
  });

  test('an enum in another casing the CLI accepts is only a hint with a fix', () => {
    const text = `${schemaLine('workspace')}\nname: ws\npublic_network_access: DISABLED\nimage_build_compute: cpu-cluster\n`;
    const d = one(text, 'non-canonical-enum');
    assert.equal(d.severity, Severity.Hint);
    assert.deepEqual(d.range, rangeOf(text, 'public_network_access: «DISABLED»'));
    const source = doc(text, 'file:///t/casing.yml');
    const fix = service()
      .codeActions(source, d.range, [d])
      .find((a) => a.title === 'Write "Disabled"');
    assert.ok(fix, 'a fix writes the documented casing');
    const fixed = applyEdits(text, fix!.edit.changes[source.uri]);
    assert.equal(fixed, text.replace('DISABLED', 'Disabled'));
    assert.deepEqual(diags(fixed), [], 'nothing left to report');
  });

  test('a type tag in another casing selects its variant (the CLI lower-cases it)', () => {
    assert.deepEqual(
      diags(
        `${schemaLine('commandJob')}\ntype: command\ncommand: echo\nenvironment: azureml:e:1\ninputs:\n  d:\n    type: URI_FOLDER\n    path: ./data\n`,
      ).filter((d) => d.severity === Severity.Error),
      [],
    );
  });

  test('missing required key at the mapping that needs it', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\nsize: Standard_DS3_v2\n`;
    const d = one(text, 'missing-required');
    assert.equal(d.message, 'This spec is missing the required key "type".');
    assert.deepEqual(d.range, rangeOf(text, '«$schema»:'), 'the first key, never the whole document');
  });

  test('${{...}} expressions are accepted wherever a type is expected', () => {
    const text = `${schemaLine('pipelineJob')}\ntype: pipeline\ninputs:\n  n: 2\njobs:\n  train:\n    type: command\n    command: echo\n    environment: azureml:e:1\n    resources:\n      instance_count: \${{parent.inputs.n}}\n`;
    assert.deepEqual(
      diags(text).filter((d) => d.code === 'wrong-type'),
      [],
    );
  });

  test('each document of a multi-document file is analysed on its own', () => {
    const text = `${schemaLine('amlCompute')}\nname: a\ntype: amlcompute\nmax_instances: x\n---\n${schemaLine('amlCompute')}\nname: b\ntype: amlcompute\nmax_instances: y\n`;
    const found = diags(text).filter((d) => d.code === 'wrong-type');
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(text, 'max_instances: «x»'), rangeOf(text, 'max_instances: «y»')],
    );
  });

  test('YAML that is not Azure ML gets nothing, even when broken', () => {
    assert.deepEqual(diags('on: push\njobs:\n  build: [\n'), []);
  });
});

describe('schemas', () => {
  test('every schema is valid JSON Schema and compiles', () => {
    const store = service().store;
    store.compileAll();
    assert.ok(store.kinds().length >= 45, `only ${store.kinds().length} kinds have schemas`);
  });

  test('every kind of the issue has a schema file', () => {
    const required = [
      'workspace',
      'amlCompute',
      'computeInstance',
      'kubernetesCompute',
      'vmCompute',
      'synapseSparkCompute',
      'commandJob',
      'sweepJob',
      'pipelineJob',
      'sparkJob',
      'autoMLJob',
      'commandComponent',
      'pipelineComponent',
      'sparkComponent',
      'parallelComponent',
      'environment',
      'data',
      'model',
      'managedOnlineEndpoint',
      'kubernetesOnlineEndpoint',
      'managedOnlineDeployment',
      'kubernetesOnlineDeployment',
      'batchEndpoint',
      'batchDeployment',
      'azureBlob',
      'azureFile',
      'azureDataLakeGen1',
      'azureDataLakeGen2',
      'registry',
      'connection',
      'schedule',
    ];
    const missing = required.filter((k) => !service().store.hasKind(k));
    assert.deepEqual(missing, []);
  });

  test('every property has a description', () => {
    const dir = service().store.dir;
    const missing: string[] = [];
    const walk = (node: any, where: string) => {
      if (!node || typeof node !== 'object') return;
      if (node.properties && typeof node.properties === 'object' && !where.endsWith('/$defs') && !where.endsWith('/if')) {
        for (const [k, v] of Object.entries<any>(node.properties)) {
          if (v && typeof v === 'object' && !v.description && !v.$ref) missing.push(`${where}.${k}`);
        }
      }
      // if/then/else only add constraints to properties described where they are defined.
      for (const [k, v] of Object.entries(node))
        if (typeof v === 'object' && k !== 'if' && k !== 'then' && k !== 'else') walk(v, `${where}/${k}`);
    };
    const files = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : []));
    for (const f of files(dir)) walk(JSON.parse(fs.readFileSync(f, 'utf8')), path.basename(f));
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} properties without description`);
  });
});
