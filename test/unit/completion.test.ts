import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schemaLine, service, withCursor } from '../helpers';
import { rangeOf } from '../markers';

function complete(fixture: string, uri?: string) {
  const { source, position } = withCursor(fixture, uri);
  return service().complete(source, position).items;
}
const labels = (fixture: string) => complete(fixture).map((i) => i.label);

/** Fills a snippet as an editor would: each tab stop takes its default, mirrors repeat it. */
function fillSnippet(snippet: string): string {
  const values = new Map<string, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)) values.set(m[1], m[2]);
  for (const m of snippet.matchAll(/\$\{(\d+)\|([^,|]*)[^}]*\}/g)) values.set(m[1], m[2]);
  return snippet
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\}/g, '$2')
    .replace(/\$\{(\d+):([^}]*)\}/g, '$2')
    .replace(/\$\{(\d+)\}/g, (_, n) => values.get(n) ?? 'x')
    .replace(/\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

describe('completion', () => {
  test('keys of the kind at the top level: present keys excluded, required keys first', () => {
    const items = complete(`${schemaLine('amlCompute')}\nname: c\n$0`);
    const names = items.map((i) => i.label);
    assert.ok(names.includes('type') && names.includes('size') && names.includes('identity'));
    assert.ok(!names.includes('name') && !names.includes('$schema'));
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.equal(sorted[0].label, 'type', 'required "type" sorts first');
    assert.match(sorted[0].detail!, /required/);
  });

  test('key insert text: scalar, enum choice, object block, list block', () => {
    const items = complete(`${schemaLine('workspace')}\nname: ws\n$0`);
    const by = (l: string) => items.find((i) => i.label === l)!;
    assert.equal(by('location').textEdit!.newText, 'location: $0');
    assert.equal(by('public_network_access').textEdit!.newText, 'public_network_access: ${1|Enabled,Disabled|}');
    assert.equal(by('managed_network').textEdit!.newText, 'managed_network:\n  $0');
    assert.equal(by('hbi_workspace').textEdit!.newText, 'hbi_workspace: ${1|false,true|}');
  });

  test('nested keys follow the identity shape of the kind', () => {
    assert.deepEqual(
      labels(`${schemaLine('amlCompute')}\nidentity:\n  type: user_assigned\n  $0`).sort(),
      ['principal_id', 'tenant_id', 'user_assigned_identities'].sort(),
    );
    assert.ok(labels(`${schemaLine('amlCompute')}\nidentity:\n  user_assigned_identities:\n    - $0`).includes('resource_id'));
  });

  test('half-typed key: the typed word is replaced', () => {
    const { source, position } = withCursor(`${schemaLine('workspace')}\nname: ws\npublic_net$0`);
    const item = service()
      .complete(source, position)
      .items.find((i) => i.label === 'public_network_access')!;
    assert.deepEqual(item.textEdit!.range, rangeOf(source.text, 'public_net'));
  });

  test('enum values after "key: "', () => {
    assert.deepEqual(labels(`${schemaLine('workspace')}\npublic_network_access: $0`).sort(), ['Disabled', 'Enabled']);
    assert.deepEqual(labels(`${schemaLine('amlCompute')}\ntier: $0`).sort(), ['dedicated', 'low_priority']);
  });

  test('boolean values', () => {
    assert.deepEqual(labels(`${schemaLine('amlCompute')}\nenable_node_public_ip: $0`).sort(), ['false', 'true']);
  });

  test('type: offers every variant even when one is already chosen', () => {
    const got = labels(`${schemaLine('commandJob')}\ninputs:\n  data:\n    type: $0\n`);
    for (const t of ['uri_file', 'uri_folder', 'mltable']) assert.ok(got.includes(t), `${t} in ${got}`);
  });

  test('the chosen type changes the applicable schema (same file, same place, only type: differs)', () => {
    const step = (type: string) => labels(`${schemaLine('pipelineJob')}\ntype: pipeline\njobs:\n  s:\n    type: ${type}\n    $0`);
    const sweep = step('sweep');
    const command = step('command');
    for (const key of ['trial', 'sampling_algorithm', 'search_space', 'objective']) {
      assert.ok(sweep.includes(key), `a sweep step offers ${key}: ${sweep.join(',')}`);
      assert.ok(!command.includes(key), `a command step does not offer ${key}`);
    }
    for (const key of ['command', 'environment', 'code', 'distribution']) {
      assert.ok(command.includes(key), `a command step offers ${key}: ${command.join(',')}`);
      assert.ok(!sweep.includes(key), `a sweep step does not offer ${key}`);
    }
  });

  test('each kind has its own keys (a compute instance is not a compute cluster)', () => {
    const ci = labels(`${schemaLine('computeInstance')}\nname: ci\n$0`);
    assert.ok(ci.includes('idle_time_before_shutdown_minutes') && !ci.includes('max_instances'), ci.join(','));
    const cluster = labels(`${schemaLine('amlCompute')}\nname: c\n$0`);
    assert.ok(cluster.includes('max_instances') && !cluster.includes('idle_time_before_shutdown_minutes'), cluster.join(','));
  });

  test('$schema values: a URL for every kind', () => {
    const got = labels('$schema: $0');
    assert.ok(got.includes('https://azuremlschemas.azureedge.net/latest/workspace.schema.json'));
    assert.ok(got.includes('https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json'));
    assert.ok(got.length >= 30, `only ${got.length} kinds`);
  });

  test('an empty file offers a starter spec per kind, including the secure variants', () => {
    const items = complete('$0');
    const names = items.map((i) => i.label);
    assert.ok(names.includes('Azure ML: Workspace with private link'));
    assert.ok(names.includes('Azure ML: Compute cluster with a user-assigned identity'));
    assert.ok(names.includes('Azure ML: Command job with user identity'));
    assert.ok(names.includes('Azure ML: Workspace with user-assigned identities'));
    assert.ok(names.includes('Azure ML: Compute cluster'));
    const ws = items.find((i) => i.label === 'Azure ML: Workspace with private link')!;
    assert.match(ws.textEdit!.newText, /public_network_access: Disabled\nimage_build_compute:/);
  });

  test('starter specs are valid for their kind once placeholders are filled', () => {
    const items = complete('$0');
    for (const item of items) {
      const text = fillSnippet(item.textEdit!.newText);
      const errors = service()
        .diagnostics({ uri: `file:///starter/${item.label}.yml`, version: 1, text })
        .filter((d) => d.severity === 1);
      assert.deepEqual(
        errors.map((e) => `${e.code}: ${e.message}`),
        [],
        `${item.label}:\n${text}`,
      );
    }
  });

  test('YAML that is not Azure ML gets no completions', () => {
    assert.deepEqual(labels('on: push\njobs:\n  build:\n    $0'), []);
    assert.deepEqual(labels('name: env\nchannels:\n  - $0'), []);
  });
});
