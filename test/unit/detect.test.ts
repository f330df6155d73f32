import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { detectKind } from '../../server/src/core/detect';
import { kindFromSchemaUrl } from '../../server/src/core/kinds';

const kindOf = (yaml: string, opts = {}) => detectKind(parse(yaml), opts);

describe('kind detection', () => {
  test('$schema URLs: any host or channel, latest or versioned, any casing, .schema.json or .json', () => {
    const cases: Array<[string, string | undefined]> = [
      ['https://azuremlschemas.azureedge.net/latest/workspace.schema.json', 'workspace'],
      ['https://azuremlschemas.azureedge.net/1.8.0/amlCompute.schema.json', 'amlCompute'],
      ['https://azuremlsdk2.blob.core.windows.net/preview/0.0.1/autoMLJob.schema.json', 'autoMLJob'],
      ['http://azureml/sdk-2-0/CommandComponent.json', 'commandComponent'],
      ['https://example.com/AMLCOMPUTE.SCHEMA.JSON', 'amlCompute'],
      ['https://azuremlschemas.azureedge.net/latest/vmCompute.schema.json', 'vmCompute'],
      ['https://azuremlschemas.azureedge.net/latest/ModelVersionPackage.json', 'modelPackage'],
      ['https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json', 'promptflowFlow'],
      ['https://example.com/Flow.schema.json', undefined],
      ['https://json.schemastore.org/github-workflow.json', undefined],
    ];
    for (const [url, kind] of cases) assert.equal(kindFromSchemaUrl(url)?.id, kind, url);
  });

  test('$schema wins over content, and says how it was found', () => {
    const d = kindOf(`$schema: https://azuremlschemas.azureedge.net/latest/computeInstance.schema.json\ntype: amlcompute\n`);
    assert.deepEqual(d, { kind: 'computeInstance', source: 'schema', reason: '$schema names computeInstance' });
  });

  test('content: type discriminators', () => {
    const cases: Array<[string, string]> = [
      ['name: c\ntype: amlcompute\nsize: Standard_DS3_v2', 'amlCompute'],
      ['name: ci\ntype: ComputeInstance', 'computeInstance'],
      ['type: command\ncommand: python x.py\nenvironment: azureml:e:1\ncompute: azureml:c', 'commandJob'],
      ['name: train\nversion: 1\ntype: command\ncommand: python x.py\nenvironment: azureml:e:1', 'commandComponent'],
      ['type: pipeline\njobs:\n  a:\n    type: command', 'pipelineJob'],
      ['type: sweep\ntrial: {}', 'sweepJob'],
      ['type: spark\nentry: {file: a.py}', 'sparkJob'],
      ['type: automl\ntask: classification', 'autoMLJob'],
      ['type: finetuning\ntask: chat_completion', 'finetuningJob'],
      ['name: k\ntype: kubernetes\nresource_id: /subscriptions/x', 'kubernetesCompute'],
      ['name: ds\ntype: azure_blob\naccount_name: a\ncontainer_name: c', 'azureBlob'],
    ];
    for (const [yaml, kind] of cases) assert.equal(kindOf(yaml)?.kind, kind, yaml);
  });

  test('content: signature keys', () => {
    const cases: Array<[string, string]> = [
      ['name: ws\nmanaged_network:\n  isolation_mode: allow_only_approved_outbound', 'workspace'],
      ['identity:\n  type: system_assigned', 'workspace'],
      ['name: blue\nendpoint_name: ep\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2', 'managedOnlineDeployment'],
      ['name: blue\nendpoint_name: ep\nmodel: azureml:m:1\ncompute: azureml:c\nmini_batch_size: 10', 'batchDeployment'],
      ['name: blue\nendpoint_name: ep\ntype: kubernetes\nmodel: azureml:m:1', 'kubernetesOnlineDeployment'],
      ['name: ep\nauth_mode: key', 'managedOnlineEndpoint'],
      ['name: r\nlocation: eastus\nreplication_locations:\n  - location: eastus', 'registry'],
      ['name: s\ntrigger:\n  type: cron\n  expression: "0 * * * *"\ncreate_job: ./job.yml', 'schedule'],
    ];
    for (const [yaml, kind] of cases) assert.equal(kindOf(yaml)?.kind, kind, yaml);
  });

  test('YAML of other tools is left alone', () => {
    const others = [
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest',
      'name: env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x',
      'version: "3"\nservices:\n  web:\n    image: nginx',
      'repos:\n  - repo: https://github.com/psf/black',
      'name: Bug\ndescription: report\nbody:\n  - type: textarea',
      'just: a mapping',
      '- a list',
    ];
    for (const yaml of others) assert.equal(kindOf(yaml), undefined, yaml);
  });

  test('the glob setting applies last; a user-picked kind applies first', () => {
    assert.equal(
      kindOf('foo: bar', { path: '/repo/infra/cluster.yml', globKinds: { '**/infra/*.yml': 'amlCompute' } })?.kind,
      'amlCompute',
    );
    assert.equal(kindOf('foo: bar', { path: '/repo/other/cluster.yml', globKinds: { '**/infra/*.yml': 'amlCompute' } }), undefined);
    assert.equal(kindOf('type: amlcompute', { override: 'computeInstance' })?.source, 'override');
  });
});
