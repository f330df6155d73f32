import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import type { Location, Position } from '../../server/src/core/types';
import { collectReferences } from '../../server/src/workspace/refs';
import { parseYaml } from '../../server/src/core/document';
import { service } from '../helpers';
import { openFixture, type Fixture } from './harness';

/** Position of the `nth` occurrence of needle in a fixture file, plus delta characters. */
function at(fx: Fixture, rel: string, needle: string, delta = 0, nth = 0): Position {
  const text = fx.text(rel);
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  return new LineIndex(text).positionAt(i + delta);
}

const rel = (fx: Fixture, l: Location) => `${l.uri.slice(fx.rootUri.length + 1)}:${l.range.start.line + 1}:${l.range.start.character + 1}`;

describe('workspace index over a fixture repository (test/fixtures/workspaces/refs)', () => {
  let fx: Fixture;
  before(async () => {
    fx = await openFixture('refs', { exclude: ['drafts/**'] });
  });

  test('indexes every spec with kind, name, version and the location of its name', () => {
    const specs = fx.index.specs().map((s) => `${s.kind}:${s.name ?? '-'}${s.version ? '@' + s.version : ''}`).sort();
    assert.deepEqual(specs, [
      'amlCompute:cpu-cluster',
      'azureBlob:blobstore',
      'batchEndpoint:my-batch-endpoint',
      'commandComponent:train_model@1',
      'commandJob:-',
      'commandJob:-',
      'computeInstance:my-ci',
      'data:iris@1',
      'environment:train-env@3',
      'managedOnlineDeployment:blue',
      'managedOnlineEndpoint:my-endpoint',
      'model:clf@2',
      'modelBatchDeployment:batch-blue',
      'pipelineJob:-',
      'workspace:mlw-refs',
    ]);
    const cluster = fx.index.byName(['amlCompute'], 'cpu-cluster')[0];
    assert.equal(cluster.uri, fx.uri('compute/cpu-cluster.yml'));
    assert.deepEqual(cluster.nameRange, { start: { line: 1, character: 6 }, end: { line: 1, character: 17 } });
    assert.equal(cluster.value.location, 'eastus');
  });

  test('configured excludes are left out (drafts/**)', () => {
    assert.deepEqual(fx.index.byName(['amlCompute'], 'draft-cluster'), []);
  });

  test('workspaceFor: the workspace spec of the nearest folder', () => {
    assert.equal(fx.index.workspaceFor(fx.uri('jobs/command.yml'))?.name, 'mlw-refs');
    assert.equal(fx.index.workspaceFor(fx.uri('workspace.yml'))?.name, 'mlw-refs');
  });

  describe('every reference form resolves (go to definition)', () => {
    const cases: Array<[string, string, string, string]> = [
      ['azureml:<name> (compute)', 'jobs/command.yml', 'compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml:2:7'],
      ['azureml:<name>@<label> (environment)', 'jobs/command.yml', 'environment: azureml:train-env@latest', 'environments/train-env.yml:2:7'],
      ['azureml:<name>:<version> (data input)', 'jobs/command.yml', 'path: azureml:iris:1', 'data/iris.yml:2:7'],
      ['azureml:<name>:<version> (model input by type)', 'jobs/command.yml', 'path: azureml:clf:2', 'models/clf.yml:2:7'],
      ['azureml://datastores/<name>/...', 'jobs/command.yml', 'path: azureml://datastores/blobstore', 'datastores/blobstore.yml:2:7'],
      ['azureml:<name>:<version> (component)', 'jobs/pipeline.yml', 'component: azureml:train_model:1', 'components/train.yml:2:7'],
      ['settings.default_compute', 'jobs/pipeline.yml', 'default_compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml:2:7'],
      ['bare compute name on a pipeline step', 'jobs/pipeline.yml', 'compute: cpu-cluster', 'compute/cpu-cluster.yml:2:7'],
      ['component: ./x.yml', 'jobs/pipeline.yml', 'component: ./../components/train.yml', 'components/train.yml:1:1'],
      ['component: file:x.yml', 'jobs/pipeline.yml', 'component: file:../components/train.yml', 'components/train.yml:1:1'],
      ['image_build_compute', 'workspace.yml', 'image_build_compute: cpu-cluster', 'compute/cpu-cluster.yml:2:7'],
      ['endpoint_name (online deployment)', 'endpoints/blue.yml', 'endpoint_name: my-endpoint', 'endpoints/endpoint.yml:2:7'],
      ['endpoint_name (batch deployment)', 'endpoints/batch.yml', 'endpoint_name: my-batch-endpoint', 'endpoints/batch-endpoint.yml:2:7'],
      ['deployment compute', 'endpoints/batch.yml', 'compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml:2:7'],
      ['deployment model', 'endpoints/blue.yml', 'model: azureml:clf:2', 'models/clf.yml:2:7'],
      ['conda_file', 'environments/train-env.yml', 'conda_file: ./conda.yaml', 'environments/conda.yaml:1:1'],
      ['local path: of a data asset', 'data/iris.yml', 'path: ./iris.csv', 'data/iris.csv:1:1'],
    ];
    for (const [name, file, line, want] of cases) {
      test(name, () => {
        const colon = line.indexOf(': ') + 2;
        const defs = fx.service.definition(fx.source(file), at(fx, file, line, colon + 3));
        assert.deepEqual(defs.map((d) => rel(fx, d)), [want]);
      });
    }
    test('a folder (code: ./src) exists but is not a location to open', () => {
      assert.deepEqual(fx.service.definition(fx.source('components/train.yml'), at(fx, 'components/train.yml', './src', 2)), []);
    });
    test('no definition off a reference', () => {
      assert.deepEqual(fx.service.definition(fx.source('jobs/command.yml'), at(fx, 'jobs/command.yml', 'command: python', 3)), []);
    });
  });

  test('references are extracted with precise ranges', () => {
    const text = fx.text('jobs/command.yml');
    const file = parseYaml(text);
    const refs = collectReferences(file.sections[0], 'commandJob', text, fx.uri('jobs/command.yml'));
    const shown = refs.map((r) => `${r.form}:${r.category}:${text.slice(r.start, r.end)}${r.version ? ':' + r.version : ''}${r.label ? '@' + r.label : ''}`);
    assert.deepEqual(shown, [
      'file:file:../components/src',
      'asset:environment:train-env@latest',
      'asset:compute:cpu-cluster',
      'asset:data:iris:1',
      'datastore:datastore:blobstore',
      'asset:model:clf:2',
    ]);
  });

  test('find all references from a spec\'s name: every use across the repository', () => {
    const refs = fx.service.references(fx.source('compute/cpu-cluster.yml'), at(fx, 'compute/cpu-cluster.yml', 'cpu-cluster', 2));
    assert.deepEqual(refs.map((l) => rel(fx, l)).sort(), [
      'compute/cpu-cluster.yml:2:7',
      'endpoints/batch.yml:6:18',
      'jobs/command.yml:7:18',
      'jobs/pipeline.yml:10:14',
      'jobs/pipeline.yml:5:28',
      'workspace.yml:5:22',
    ]);
    const without = fx.service.references(fx.source('compute/cpu-cluster.yml'), at(fx, 'compute/cpu-cluster.yml', 'cpu-cluster'), false);
    assert.equal(without.length, 5);
  });

  test('find all references from a use gives the same set', () => {
    const fromUse = fx.service.references(fx.source('jobs/command.yml'), at(fx, 'jobs/command.yml', 'azureml:cpu-cluster', 10));
    assert.equal(fromUse.length, 6);
    assert.ok(fromUse.some((l) => rel(fx, l) === 'compute/cpu-cluster.yml:2:7'));
  });

  test('references to a component: by name and version, and by relative file', () => {
    const refs = fx.service.references(fx.source('components/train.yml'), at(fx, 'components/train.yml', 'train_model'));
    assert.deepEqual(refs.map((l) => rel(fx, l)).sort(), ['components/train.yml:2:7', 'jobs/pipeline.yml:13:24', 'jobs/pipeline.yml:16:21', 'jobs/pipeline.yml:9:16']);
  });

  test('references of a versioned asset keep to matching versions', () => {
    const refs = fx.service.references(fx.source('environments/train-env.yml'), at(fx, 'environments/train-env.yml', 'train-env'));
    // train-env:3 twice, train-env@latest once; never another version.
    assert.deepEqual(refs.map((l) => rel(fx, l)).sort(), ['components/train.yml:6:22', 'endpoints/blue.yml:5:22', 'environments/train-env.yml:2:7', 'jobs/command.yml:6:22']);
  });

  test('references of a name no spec defines: every use of that name', () => {
    const refs = fx.service.references(fx.source('jobs/unresolved.yml'), at(fx, 'jobs/unresolved.yml', 'gpu-cluster'));
    assert.deepEqual(refs.map((l) => rel(fx, l)), ['jobs/unresolved.yml:6:18']);
  });

  test('workspace symbols: every named spec, filtered by the query', () => {
    const all = fx.service.workspaceSymbols('');
    const names = all.map((s) => s.name);
    for (const n of ['cpu-cluster', 'my-ci', 'train-env', 'iris', 'clf', 'blobstore', 'train_model', 'my-endpoint', 'blue', 'mlw-refs', 'train-iris', 'iris-pipeline']) assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
    const q = fx.service.workspaceSymbols('cpuclu');
    assert.deepEqual(q.map((s) => [s.name, s.containerName, rel(fx, s.location)]), [['cpu-cluster', 'Compute cluster', 'compute/cpu-cluster.yml:2:7']]);
    assert.deepEqual(fx.service.workspaceSymbols('ENV').map((s) => s.containerName), ['Environment 3']);
  });

  test('hover on a reference summarises its target', () => {
    const h = fx.service.hover(fx.source('jobs/command.yml'), at(fx, 'jobs/command.yml', 'azureml:cpu-cluster', 10));
    const md = h?.contents.value ?? '';
    assert.match(md, /\*\*cpu-cluster\*\* · Compute cluster/);
    assert.match(md, /Defined in `\.\.\/compute\/cpu-cluster\.yml`/);
    assert.match(md, /size: `Standard_DS3_v2`/);
    assert.match(md, /location: `eastus`/);
    const ds = fx.service.hover(fx.source('jobs/command.yml'), at(fx, 'jobs/command.yml', 'blobstore', 2))?.contents.value ?? '';
    assert.match(ds, /\*\*blobstore\*\* · Azure Blob datastore/);
    const file = fx.service.hover(fx.source('jobs/pipeline.yml'), at(fx, 'jobs/pipeline.yml', './../components', 3))?.contents.value ?? '';
    assert.match(file, /\*\*train_model\*\* · Command component/);
    const folder = fx.service.hover(fx.source('components/train.yml'), at(fx, 'components/train.yml', './src', 2))?.contents.value ?? '';
    assert.match(folder, /Folder `src`/);
    const unknown = fx.service.hover(fx.source('jobs/unresolved.yml'), at(fx, 'jobs/unresolved.yml', 'gpu-cluster'))?.contents.value ?? '';
    assert.match(unknown, /no compute spec with this name in the repository/);
  });

  test('completion offers known names in reference fields', () => {
    const uri = fx.uri('jobs/new.yml');
    const text = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncommand: echo\ncompute: \n`;
    const items = fx.service.complete({ uri, version: 1, text }, { line: 3, character: 9 }).items.map((i) => i.label);
    assert.ok(items.includes('azureml:cpu-cluster'), items.join(', '));
    assert.ok(items.includes('azureml:my-ci'));
    const env = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncommand: echo\nenvironment: azureml:\n`;
    const envItems = fx.service.complete({ uri, version: 2, text: env }, { line: 3, character: 21 }).items.map((i) => i.label);
    assert.ok(envItems.includes('azureml:train-env:3'), envItems.join(', '));
    const dep = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nname: green\nendpoint_name: \n`;
    const depItems = fx.service.complete({ uri: fx.uri('endpoints/green.yml'), version: 1, text: dep }, { line: 2, character: 15 }).items.map((i) => i.label);
    assert.ok(depItems.includes('my-endpoint'), depItems.join(', '));
    assert.ok(!depItems.includes('my-batch-endpoint'), 'a managed online deployment is not offered batch endpoints');
    const ws = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: w\nimage_build_compute: \n`;
    const wsItems = fx.service.complete({ uri: fx.uri('other/workspace.yml'), version: 1, text: ws }, { line: 2, character: 21 }).items.map((i) => i.label);
    assert.ok(wsItems.includes('cpu-cluster'), wsItems.join(', '));
    const input = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncommand: echo\ninputs:\n  d:\n    type: uri_file\n    path: azureml:\n`;
    const inputItems = fx.service.complete({ uri, version: 3, text: input }, { line: 6, character: 18 }).items.map((i) => i.label);
    assert.ok(inputItems.includes('azureml:iris:1'), inputItems.join(', '));
  });

  test('document symbols: pipeline steps appear by name', () => {
    const syms = fx.service.documentSymbols(fx.source('jobs/pipeline.yml'));
    const jobs = syms[0].children?.find((c) => c.name === 'jobs');
    assert.deepEqual(jobs?.children?.map((c) => [c.name, c.detail]), [
      ['prep', 'command step · ./../components/train.yml'],
      ['train', 'command step · azureml:train_model:1'],
      ['register', 'command step · file:../components/train.yml'],
    ]);
  });

  describe('diagnostics of references', () => {
    test('a missing relative path is a warning; unresolved names are hints only', () => {
      const d = fx.service.diagnostics(fx.source('jobs/unresolved.yml')).map((x) => [x.code, x.severity, `${x.range.start.line + 1}:${x.range.start.character + 1}`, x.message]);
      assert.deepEqual(d, [
        ['missing-file', 2, '4:7', '"./missing-src" does not exist (code paths are relative to this file\'s folder).'],
        ['unresolved-reference', 4, '6:18', 'No compute spec named "gpu-cluster" in this repository; Azure ML resolves it in the workspace.'],
        ['unresolved-reference', 4, '10:19', 'The repository defines data asset "iris" in version 1, not 7; Azure ML resolves it in the workspace.'],
        ['unresolved-reference', 4, '16:32', 'No datastore spec named "nostore" in this repository; Azure ML resolves it in the workspace.'],
      ]);
    });

    test('resolved references give nothing', () => {
      for (const f of ['jobs/command.yml', 'jobs/pipeline.yml', 'endpoints/blue.yml', 'endpoints/batch.yml', 'workspace.yml', 'environments/train-env.yml', 'components/train.yml', 'data/iris.yml', 'models/clf.yml']) {
        assert.deepEqual(fx.service.diagnostics(fx.source(f)).map((d) => d.message), [], f);
      }
    });

    test('severities are configurable and suppressions work', () => {
      const s = service({ getConfig: () => ({ validate: true, rules: { 'unresolved-reference': 'off', 'missing-file': 'error' }, fileKinds: {} }) });
      s.setWorkspace(fx.index);
      const d = s.diagnostics(fx.source('jobs/unresolved.yml'));
      assert.deepEqual(d.map((x) => [x.code, x.severity]), [['missing-file', 1]]);
      const text = fx.text('jobs/unresolved.yml').replace('code: ./missing-src', 'code: ./missing-src # aml-yaml-disable-line missing-file');
      const d2 = fx.service.diagnostics({ uri: fx.uri('jobs/unresolved.yml'), version: 99, text });
      assert.ok(!d2.some((x) => x.code === 'missing-file'));
    });

    test('no reference diagnostics without a workspace index (single-file use)', () => {
      const d = service().diagnostics({ uri: fx.uri('jobs/unresolved.yml'), version: 1, text: fx.text('jobs/unresolved.yml') });
      assert.deepEqual(d.filter((x) => x.code === 'missing-file' || x.code === 'unresolved-reference'), []);
    });
  });
});
