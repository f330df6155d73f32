import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import type { Location, Position } from '../../server/src/core/types';
import { collectReferences } from '../../server/src/workspace/refs';
import { parseYaml } from '../../server/src/core/document';
import { service } from '../helpers';
import { positionOf, rangeOf } from '../markers';
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
/** `file:line:column` (1-based) where `snippet` (« » marking the spot) is in a fixture file; without a snippet, the file's start. */
const loc = (fx: Fixture, file: string, snippet?: string) => {
  if (!snippet) return `${file}:1:1`;
  const p = positionOf(fx.text(file), snippet);
  return `${file}:${p.line + 1}:${p.character + 1}`;
};

describe('workspace index over a fixture repository (test/fixtures/workspaces/refs)', () => {
  let fx: Fixture;
  before(async () => {
    fx = await openFixture('refs', { exclude: ['drafts/**'] });
  });

  test('indexes every spec with kind, name, version and the location of its name', () => {
    const specs = fx.index
      .specs()
      .map((s) => `${s.kind}:${s.name ?? '-'}${s.version ? '@' + s.version : ''}`)
      .sort();
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
    assert.deepEqual(cluster.nameRange, rangeOf(fx.text('compute/cpu-cluster.yml'), 'name: «cpu-cluster»'));
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
    /** A spec's definition is its name; a file's, its start. */
    const NAME = '\nname: «»';
    const cases: Array<[string, string, string, string, string?]> = [
      ['azureml:<name> (compute)', 'jobs/command.yml', 'compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml', NAME],
      [
        'azureml:<name>@<label> (environment)',
        'jobs/command.yml',
        'environment: azureml:train-env@latest',
        'environments/train-env.yml',
        NAME,
      ],
      ['azureml:<name>:<version> (data input)', 'jobs/command.yml', 'path: azureml:iris:1', 'data/iris.yml', NAME],
      ['azureml:<name>:<version> (model input by type)', 'jobs/command.yml', 'path: azureml:clf:2', 'models/clf.yml', NAME],
      ['azureml://datastores/<name>/...', 'jobs/command.yml', 'path: azureml://datastores/blobstore', 'datastores/blobstore.yml', NAME],
      ['azureml:<name>:<version> (component)', 'jobs/pipeline.yml', 'component: azureml:train_model:1', 'components/train.yml', NAME],
      ['settings.default_compute', 'jobs/pipeline.yml', 'default_compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml', NAME],
      ['bare compute name on a pipeline step', 'jobs/pipeline.yml', 'compute: cpu-cluster', 'compute/cpu-cluster.yml', NAME],
      ['component: ./x.yml', 'jobs/pipeline.yml', 'component: ./../components/train.yml', 'components/train.yml'],
      ['component: file:x.yml', 'jobs/pipeline.yml', 'component: file:../components/train.yml', 'components/train.yml'],
      ['image_build_compute', 'workspace.yml', 'image_build_compute: cpu-cluster', 'compute/cpu-cluster.yml', NAME],
      ['endpoint_name (online deployment)', 'endpoints/blue.yml', 'endpoint_name: my-endpoint', 'endpoints/endpoint.yml', NAME],
      ['endpoint_name (batch deployment)', 'endpoints/batch.yml', 'endpoint_name: my-batch-endpoint', 'endpoints/batch-endpoint.yml', NAME],
      ['deployment compute', 'endpoints/batch.yml', 'compute: azureml:cpu-cluster', 'compute/cpu-cluster.yml', NAME],
      ['deployment model', 'endpoints/blue.yml', 'model: azureml:clf:2', 'models/clf.yml', NAME],
      ['conda_file', 'environments/train-env.yml', 'conda_file: ./conda.yaml', 'environments/conda.yaml'],
      ['local path: of a data asset', 'data/iris.yml', 'path: ./iris.csv', 'data/iris.csv'],
    ];
    for (const [name, file, line, target, snippet] of cases) {
      test(name, () => {
        const colon = line.indexOf(': ') + 2;
        const defs = fx.service.definition(fx.source(file), at(fx, file, line, colon + 3));
        assert.deepEqual(
          defs.map((d) => rel(fx, d)),
          [loc(fx, target, snippet)],
        );
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
    const shown = refs.map(
      (r) => `${r.form}:${r.category}:${text.slice(r.start, r.end)}${r.version ? ':' + r.version : ''}${r.label ? '@' + r.label : ''}`,
    );
    assert.deepEqual(shown, [
      'file:file:../components/src',
      'asset:environment:train-env@latest',
      'asset:compute:cpu-cluster',
      'asset:data:iris:1',
      'datastore:datastore:blobstore',
      'asset:model:clf:2',
    ]);
  });

  test("find all references from a spec's name: every use across the repository", () => {
    const refs = fx.service.references(fx.source('compute/cpu-cluster.yml'), at(fx, 'compute/cpu-cluster.yml', 'cpu-cluster', 2));
    assert.deepEqual(
      refs.map((l) => rel(fx, l)).sort(),
      [
        loc(fx, 'compute/cpu-cluster.yml', 'name: «cpu-cluster»'),
        loc(fx, 'endpoints/batch.yml', 'compute: azureml:«cpu-cluster»'),
        loc(fx, 'jobs/command.yml', 'compute: azureml:«cpu-cluster»'),
        loc(fx, 'jobs/pipeline.yml', '    compute: «cpu-cluster»'),
        loc(fx, 'jobs/pipeline.yml', 'default_compute: azureml:«cpu-cluster»'),
        loc(fx, 'workspace.yml', 'image_build_compute: «cpu-cluster»'),
      ].sort(),
    );
    const without = fx.service.references(fx.source('compute/cpu-cluster.yml'), at(fx, 'compute/cpu-cluster.yml', 'cpu-cluster'), false);
    assert.equal(without.length, 5);
  });

  test('find all references from a use gives the same set', () => {
    const fromUse = fx.service.references(fx.source('jobs/command.yml'), at(fx, 'jobs/command.yml', 'azureml:cpu-cluster', 10));
    assert.equal(fromUse.length, 6);
    assert.ok(fromUse.some((l) => rel(fx, l) === loc(fx, 'compute/cpu-cluster.yml', 'name: «cpu-cluster»')));
  });

  test('references to a component: by name and version, and by relative file', () => {
    const refs = fx.service.references(fx.source('components/train.yml'), at(fx, 'components/train.yml', 'train_model'));
    assert.deepEqual(
      refs.map((l) => rel(fx, l)).sort(),
      [
        loc(fx, 'components/train.yml', 'name: «train_model»'),
        loc(fx, 'jobs/pipeline.yml', 'azureml:«train_model»:1'),
        loc(fx, 'jobs/pipeline.yml', 'file:«../components/train.yml»'),
        loc(fx, 'jobs/pipeline.yml', 'component: «./../components/train.yml»'),
      ].sort(),
    );
  });

  test('references of a versioned asset keep to matching versions', () => {
    const refs = fx.service.references(fx.source('environments/train-env.yml'), at(fx, 'environments/train-env.yml', 'train-env'));
    // train-env:3 twice, train-env@latest once; never another version.
    assert.deepEqual(
      refs.map((l) => rel(fx, l)).sort(),
      [
        loc(fx, 'components/train.yml', 'azureml:«train-env»:3'),
        loc(fx, 'endpoints/blue.yml', 'azureml:«train-env»:3'),
        loc(fx, 'environments/train-env.yml', 'name: «train-env»'),
        loc(fx, 'jobs/command.yml', 'azureml:«train-env»@latest'),
      ].sort(),
    );
  });

  test('references of a name no spec defines: every use of that name', () => {
    const refs = fx.service.references(fx.source('jobs/unresolved.yml'), at(fx, 'jobs/unresolved.yml', 'gpu-cluster'));
    assert.deepEqual(
      refs.map((l) => rel(fx, l)),
      [loc(fx, 'jobs/unresolved.yml', 'azureml:«gpu-cluster»')],
    );
  });

  test('workspace symbols: every named spec, filtered by the query', () => {
    const all = fx.service.workspaceSymbols('');
    const names = all.map((s) => s.name);
    for (const n of [
      'cpu-cluster',
      'my-ci',
      'train-env',
      'iris',
      'clf',
      'blobstore',
      'train_model',
      'my-endpoint',
      'blue',
      'mlw-refs',
      'train-iris',
      'iris-pipeline',
    ])
      assert.ok(names.includes(n), `${n} missing from ${names.join(', ')}`);
    const q = fx.service.workspaceSymbols('cpuclu');
    assert.deepEqual(
      q.map((s) => [s.name, s.containerName, rel(fx, s.location)]),
      [['cpu-cluster', 'Compute cluster', loc(fx, 'compute/cpu-cluster.yml', 'name: «cpu-cluster»')]],
    );
    assert.deepEqual(
      fx.service.workspaceSymbols('ENV').map((s) => s.containerName),
      ['Environment 3'],
    );
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
    const items = fx.service.complete({ uri, version: 1, text }, positionOf(text, 'compute: «»\n')).items.map((i) => i.label);
    assert.ok(items.includes('azureml:cpu-cluster'), items.join(', '));
    assert.ok(items.includes('azureml:my-ci'));
    const env = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncommand: echo\nenvironment: azureml:\n`;
    const envItems = fx.service.complete({ uri, version: 2, text: env }, positionOf(env, 'azureml:«»\n')).items.map((i) => i.label);
    assert.ok(envItems.includes('azureml:train-env:3'), envItems.join(', '));
    const dep = `$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nname: green\nendpoint_name: \n`;
    const depItems = fx.service
      .complete({ uri: fx.uri('endpoints/green.yml'), version: 1, text: dep }, positionOf(dep, 'endpoint_name: «»\n'))
      .items.map((i) => i.label);
    assert.ok(depItems.includes('my-endpoint'), depItems.join(', '));
    assert.ok(!depItems.includes('my-batch-endpoint'), 'a managed online deployment is not offered batch endpoints');
    const ws = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: w\nimage_build_compute: \n`;
    const wsItems = fx.service
      .complete({ uri: fx.uri('other/workspace.yml'), version: 1, text: ws }, positionOf(ws, 'image_build_compute: «»\n'))
      .items.map((i) => i.label);
    assert.ok(wsItems.includes('cpu-cluster'), wsItems.join(', '));
    const input = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncommand: echo\ninputs:\n  d:\n    type: uri_file\n    path: azureml:\n`;
    const inputItems = fx.service
      .complete({ uri, version: 3, text: input }, positionOf(input, 'path: azureml:«»\n'))
      .items.map((i) => i.label);
    assert.ok(inputItems.includes('azureml:iris:1'), inputItems.join(', '));
  });

  test('document symbols: pipeline steps appear by name', () => {
    const syms = fx.service.documentSymbols(fx.source('jobs/pipeline.yml'));
    const jobs = syms[0].children?.find((c) => c.name === 'jobs');
    assert.deepEqual(
      jobs?.children?.map((c) => [c.name, c.detail]),
      [
        ['prep', 'command step · ./../components/train.yml'],
        ['train', 'command step · azureml:train_model:1'],
        ['register', 'command step · file:../components/train.yml'],
      ],
    );
  });

  describe('diagnostics of references', () => {
    test('a missing relative path is a warning; unresolved names are hints only', () => {
      const file = 'jobs/unresolved.yml';
      const d = fx.service
        .diagnostics(fx.source(file))
        .map((x) => [x.code, x.severity, `${file}:${x.range.start.line + 1}:${x.range.start.character + 1}`, x.message]);
      assert.deepEqual(d, [
        [
          'missing-file',
          2,
          loc(fx, file, 'code: «./missing-src»'),
          '"./missing-src" does not exist (code paths are relative to this file\'s folder).',
        ],
        [
          'unresolved-reference',
          4,
          loc(fx, file, 'azureml:«gpu-cluster»'),
          'No compute spec named "gpu-cluster" in this repository; Azure ML resolves it in the workspace.',
        ],
        [
          'unresolved-reference',
          4,
          loc(fx, file, 'azureml:«iris:7»'),
          'The repository defines data asset "iris" in version 1, not 7; Azure ML resolves it in the workspace.',
        ],
        [
          'unresolved-reference',
          4,
          loc(fx, file, 'datastores/«nostore»'),
          'No datastore spec named "nostore" in this repository; Azure ML resolves it in the workspace.',
        ],
      ]);
    });

    test('resolved references give nothing', () => {
      for (const f of [
        'jobs/command.yml',
        'jobs/pipeline.yml',
        'endpoints/blue.yml',
        'endpoints/batch.yml',
        'workspace.yml',
        'environments/train-env.yml',
        'components/train.yml',
        'data/iris.yml',
        'models/clf.yml',
      ]) {
        assert.deepEqual(
          fx.service.diagnostics(fx.source(f)).map((d) => d.message),
          [],
          f,
        );
      }
    });

    test('severities are configurable and suppressions work', () => {
      const s = service({
        getConfig: () => ({ validate: true, rules: { 'unresolved-reference': 'off', 'missing-file': 'error' }, fileKinds: {} }),
      });
      s.setWorkspace(fx.index);
      const d = s.diagnostics(fx.source('jobs/unresolved.yml'));
      assert.deepEqual(
        d.map((x) => [x.code, x.severity]),
        [['missing-file', 1]],
      );
      // (The suppression comment used to be "# aml-yaml-disable-line missing-file" after the value: not a directive,
      // but read as a file-wide "aml-yaml-disable" of the ids "-line" and "missing-file", so it passed for the wrong reason.)
      const text = fx
        .text('jobs/unresolved.yml')
        .replace('code: ./missing-src', '# aml-yaml-disable-next-line missing-file\ncode: ./missing-src');
      const d2 = fx.service.diagnostics({ uri: fx.uri('jobs/unresolved.yml'), version: 99, text });
      assert.deepEqual(
        d2.map((x) => x.code),
        ['unresolved-reference', 'unresolved-reference', 'unresolved-reference'],
        'only missing-file is silenced, on that line',
      );
    });

    test('no reference diagnostics without a workspace index (single-file use)', () => {
      const d = service().diagnostics({ uri: fx.uri('jobs/unresolved.yml'), version: 1, text: fx.text('jobs/unresolved.yml') });
      assert.deepEqual(
        d.filter((x) => x.code === 'missing-file' || x.code === 'unresolved-reference'),
        [],
      );
    });
  });
});
