import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schemaLine, service, withCursor } from '../helpers';
import { rangeOf } from '../markers';

function hover(fixture: string) {
  const { source, position } = withCursor(fixture);
  return service().hover(source, position);
}

describe('hover', () => {
  test('on a key: name, type, description, allowed values with casing note, reference link', () => {
    const fixture = `${schemaLine('workspace')}\nname: ws\npublic_net$0work_access: Disabled\n`;
    const h = hover(fixture)!;
    const md = h.contents.value;
    assert.match(md, /^\*\*public_network_access\*\* · `string`/);
    assert.match(md, /Allowed values: `Enabled`, `Disabled` \(the CLI accepts any casing of these\)/);
    assert.match(md, /\[Workspace YAML reference\]\(https:\/\/learn\.microsoft\.com\/azure\/machine-learning\/reference-yaml-workspace\)/);
    assert.deepEqual(h.range, rangeOf(fixture.replace('$0', ''), 'public_network_access'), 'the key');
  });

  test('shows the default when the schema has one', () => {
    const md = hover(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nmin_inst$0ances: 0\n`)!.contents.value;
    assert.match(md, /\*\*min_instances\*\*/);
    assert.match(md, /Default: `0`/);
  });

  test('on a value: the documentation of its key', () => {
    const md = hover(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\ntier: low_pri$0ority\n`)!.contents.value;
    assert.match(md, /\*\*tier\*\*/);
    assert.match(md, /`low_priority`/);
  });

  test('nested keys use the shape of the kind (compute identity list)', () => {
    const md = hover(
      `${schemaLine('amlCompute')}\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_$0id: /subscriptions/x\n`,
    )!.contents.value;
    assert.match(md, /\*\*resource_id\*\*/);
  });

  test('on $schema: the kind and how it was detected', () => {
    const md = hover(`$sch$0ema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nname: c\n`)!.contents.value;
    assert.match(md, /Compute cluster \(`amlCompute`\)/);
    assert.match(md, /never downloaded/);
  });

  test('allowed values say how the CLI compares them', () => {
    const exact = hover(`${schemaLine('pipelineJob')}\nty$0pe: pipeline\n`)!.contents.value;
    assert.match(exact, /\(case-sensitive: the CLI compares them exactly\)/);
    const snake = hover(`${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nidentity:\n  ty$0pe: system_assigned\n`)!.contents.value;
    assert.match(snake, /CamelCase spelling/);
  });

  test('keys the CLI command line usually supplies say so (endpoint_name, a deployment name, batch compute)', () => {
    const online = hover(`${schemaLine('managedOnlineDeployment')}\nname: blue\nendpoint_$0name: ep\n`)!.contents.value;
    assert.match(online, /Usually supplied on the command line \(`--endpoint-name`\)/);
    const name = hover(`${schemaLine('managedOnlineDeployment')}\nna$0me: blue\nendpoint_name: ep\n`)!.contents.value;
    assert.match(name, /\(`--name`\)/);
    const compute = hover(`${schemaLine('batchDeployment')}\nname: b\nendpoint_name: ep\ncomp$0ute: cpu-cluster\n`)!.contents.value;
    assert.match(compute, /\(`--set compute=<name>`\)/);
  });

  test('unknown keys and non-Azure ML YAML have no hover', () => {
    assert.equal(hover(`${schemaLine('workspace')}\nnot_a_fi$0eld: 1\n`), null);
    assert.equal(hover('on: push\njo$0bs: {}\n'), null);
  });
});
