import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { detectKind } from '../../server/src/core/detect';
import { identityShapeOf, KINDS, kindPhrase, kindsReferencedAs, referenceKeys, secretKeyNames } from '../../server/src/core/kinds';
import { REFERENCE_KINDS } from '../../server/src/workspace/refs';
import { SECRET_FIELDS } from '../../server/src/rules/catalog/plaintext-secret';
import { COMPUTE_IDENTITY_KINDS, ENDPOINT_IDENTITY_KINDS, WORKSPACE_IDENTITY_KINDS } from '../../server/src/rules/identity';
import { ROOT } from '../helpers';

/**
 * The kind registry (server/src/core/kinds.generated.ts) is generated from the
 * schemas' `x-kind` and field annotations; these tests hold it current and
 * check that its consumers read it.
 */
describe('kind registry', () => {
  test('the committed registry is what scripts/gen-kinds.mjs generates from the schemas', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-kinds.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  test('the generated docs (docs/kinds.md, docs/rules/built-in.md) are current', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-docs.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const kinds = fs.readFileSync(path.join(ROOT, 'docs', 'kinds.md'), 'utf8');
    assert.match(kinds, /\| Compute cluster \| `amlCompute` \| compute \|/);
    assert.match(fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'built-in.md'), 'utf8'), /`traffic-total` \| error \|/);
  });

  test('one kind per schemas/<kind>.schema.json, each with a title and a family', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'schemas'))
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.replace('.schema.json', ''));
    assert.deepEqual(KINDS.map((k) => k.id).sort(), files.sort());
    for (const k of KINDS) assert.ok(k.title && k.family && k.schemaUrl.endsWith('.json'), k.id);
  });

  test('titles read well in messages', () => {
    assert.equal(kindPhrase('amlCompute'), 'a compute cluster');
    assert.equal(kindPhrase('autoMLJob'), 'an AutoML job');
    assert.equal(kindPhrase('azureBlob'), 'an Azure Blob datastore');
    assert.equal(kindPhrase('environment'), 'an environment');
    assert.equal(kindPhrase('kubernetesCompute'), 'a Kubernetes compute');
  });

  test('references: the kinds each category names and the keys that name them come from the schemas', () => {
    assert.deepEqual([...REFERENCE_KINDS.compute].sort(), [
      'amlCompute',
      'computeInstance',
      'kubernetesCompute',
      'synapseSparkCompute',
      'vmCompute',
    ]);
    assert.deepEqual([...REFERENCE_KINDS.endpoint].sort(), ['batchEndpoint', 'kubernetesOnlineEndpoint', 'managedOnlineEndpoint']);
    assert.deepEqual(kindsReferencedAs('datastore').sort(), ['azureBlob', 'azureDataLakeGen1', 'azureDataLakeGen2', 'azureFile']);
    for (const key of ['compute', 'default_compute', 'image_build_compute']) assert.ok(referenceKeys('compute').has(key), key);
    assert.ok(referenceKeys('environment').has('environment'));
    assert.ok(
      !referenceKeys('model').has('path') && !referenceKeys('data').has('path'),
      'path names data or a model depending on its type',
    );
  });

  test('secrets: the rule and the index redaction read the x-secret fields', () => {
    const blob = SECRET_FIELDS.find((f) => f.kinds.includes('azureBlob'));
    assert.deepEqual(blob?.paths, [
      ['credentials', 'account_key'],
      ['credentials', 'sas_token'],
    ]);
    assert.match(blob!.advice, /identity-based data access/);
    for (const key of ['account_key', 'sas_token', 'client_secret', 'admin_password', 'api_key', 'certificate'])
      assert.ok(secretKeyNames().has(key), key);
  });

  test('identity shapes: the CLI identity schema of each kind comes from x-identity', () => {
    assert.deepEqual([...WORKSPACE_IDENTITY_KINDS].sort(), ['featureStore', 'workspace']);
    assert.deepEqual([...COMPUTE_IDENTITY_KINDS].sort(), ['amlCompute', 'computeInstance', 'kubernetesCompute', 'synapseSparkCompute']);
    assert.deepEqual([...ENDPOINT_IDENTITY_KINDS].sort(), ['batchEndpoint', 'kubernetesOnlineEndpoint', 'managedOnlineEndpoint']);
    assert.equal(identityShapeOf('schedule'), 'job', 'the identity of the job a schedule creates');
    assert.equal(identityShapeOf('vmCompute'), undefined);
  });

  test('keys the CLI command line supplies are annotated on every deployment kind', () => {
    for (const id of [
      'managedOnlineDeployment',
      'kubernetesOnlineDeployment',
      'batchDeployment',
      'modelBatchDeployment',
      'pipelineComponentBatchDeployment',
    ]) {
      const k = KINDS.find((x) => x.id === id)!;
      assert.ok(
        k.cliSupplied.some((c) => c.path.join('.') === 'endpoint_name' && c.flag === '--endpoint-name'),
        id,
      );
      assert.ok(
        k.cliSupplied.some((c) => c.path.join('.') === 'name'),
        id,
      );
    }
  });
});

describe('content detection from the registry', () => {
  const kindOf = (yaml: string) => detectKind(parse(yaml));

  test('a misspelt type value still identifies the kind, and says so', () => {
    const d = kindOf('name: c\ntype: amlcomput\nsize: Standard_DS3_v2\n');
    assert.equal(d?.kind, 'amlCompute');
    assert.match(d!.reason, /approximately: type: amlcomput \(amlcompute\?\)/);
    assert.equal(kindOf('type: comand\ncommand: echo\nenvironment: azureml:e:1\ncompute: c\n')?.kind, 'commandJob');
  });

  test('a misspelt type key or detection key still identifies the kind', () => {
    assert.equal(kindOf('name: git\ntyp: git\ntarget: https://github.com/x/y\n')?.kind, 'connection');
    assert.equal(
      kindOf('name: blue\nendpoint_nmae: ep\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\n')?.kind,
      'managedOnlineDeployment',
    );
  });

  test('a one-slip misspelling of a short detection key counts beside an exact key of the same rule', () => {
    const d = kindOf('name: my-env\nimgae: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\nconda_file: ./conda.yml\n');
    assert.equal(d?.kind, 'environment');
    assert.match(d!.reason, /approximately: imgae \(image\?\)/);
    assert.equal(kindOf('conda_file: ./conda.yml\nbiuld:\n  path: ./docker\n')?.kind, 'environment');
    assert.equal(kindOf('imgae: nginx\nports: [80]\n'), undefined, 'no exact key of the rule beside the guess');
    assert.equal(kindOf('nmae: x\nimgae: nginx\n'), undefined, 'two guesses in one rule');
  });

  test('a connection file without type is still recognised by its target and credentials', () => {
    assert.equal(kindOf('name: my_git\ntarget: https://github.com/x/y\ncredentials:\n  type: pat\n  pat: ""\n')?.kind, 'connection');
  });

  test('near misses of short or common words are not guesses', () => {
    assert.equal(kindOf('name: x\ntype: pipe\n'), undefined);
    assert.equal(kindOf('names: x\nimages: [a]\n'), undefined);
    assert.equal(kindOf('type: module\nname: x\n'), undefined, 'module is two edits from model: too far for a short word');
  });

  test('every detection rule of the schemas is reachable: its own minimal document detects its kind', () => {
    for (const k of KINDS) {
      for (const rule of k.detect) {
        const o: Record<string, unknown> = {};
        if (rule.type) o.type = rule.type[0];
        for (const alts of rule.all ?? []) o[alts.split('|')[0]] = 'x';
        if (rule.only && !rule.all?.length) continue;
        const d = detectKind(o);
        if (d?.kind !== k.id) {
          // A lower-ranked rule of another kind may claim the same minimal document; it must then rank lower.
          const winner = KINDS.find((x) => x.id === d?.kind);
          assert.ok(
            winner && winner.detect.some((r) => r.rank <= rule.rank),
            `${k.id} rule ${JSON.stringify(rule)} never wins (got ${d?.kind})`,
          );
        }
      }
    }
  });
});
