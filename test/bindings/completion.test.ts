import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { applyEdits, schemaLine, service, withCursor } from '../helpers';
import { openFixture, type Fixture } from '../workspace/harness';

function complete(fixture: string) {
  const { source, position } = withCursor(fixture);
  return { items: service().complete(source, position).items, source };
}
const labels = (fixture: string) => complete(fixture).items.map((i) => i.label);

const pipeline = (jobs: string) => `${schemaLine('pipelineJob')}
type: pipeline
settings:
  default_compute: azureml:cpu-cluster
inputs:
  raw_data:
    type: uri_folder
    path: azureml:iris:1
    description: The raw CSV files.
  epochs: 20
outputs:
  trained_model:
    type: mlflow_model
jobs:
  prep:
    type: command
    command: python prep.py --in \${{inputs.raw}} --out \${{outputs.clean}}
    environment: azureml:env@latest
    inputs:
      raw: \${{parent.inputs.raw_data}}
    outputs:
      clean:
        type: uri_folder
${jobs}`;

const component = (command: string) => `${schemaLine('commandComponent')}
name: train
type: command
environment: azureml:env@latest
inputs:
  training_data:
    type: uri_folder
    description: Folder of training files.
  learning_rate:
    type: number
    default: 0.01
  resume:
    type: boolean
    optional: true
outputs:
  model:
    type: uri_folder
command: ${command}
`;

describe('completion inside ${{ }}', () => {
  test('roots in a pipeline step: its own inputs and outputs, parent, and the service values outside commands', () => {
    const got = labels(
      pipeline('  train:\n    type: command\n    command: echo\n    environment: azureml:env@latest\n    inputs:\n      data: ${{$0}}\n'),
    );
    assert.deepEqual(got.sort(), ['default_datastore', 'inputs', 'name', 'output_name', 'outputs', 'parent'].sort());
  });

  test('parent. offers inputs, outputs and jobs', () => {
    assert.deepEqual(labels(pipeline('  train:\n    type: command\n    inputs:\n      data: ${{parent.$0}}\n')).sort(), [
      'inputs',
      'jobs',
      'outputs',
    ]);
  });

  test('parent.inputs. lists the pipeline inputs with type and description', () => {
    const { items } = complete(pipeline('  train:\n    type: command\n    inputs:\n      data: ${{parent.inputs.$0}}\n'));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['raw_data', 'uri_folder'],
        ['epochs', 'integer'],
      ],
    );
    assert.match(items[0].documentation!.value, /\*\*raw_data\*\* · input of the pipeline · `uri_folder`/);
    assert.match(items[0].documentation!.value, /The raw CSV files\./);
    assert.match(items[1].documentation!.value, /value `20`/);
  });

  test('parent.outputs. lists the pipeline outputs', () => {
    assert.deepEqual(labels(pipeline('  train:\n    type: command\n    outputs:\n      model: ${{parent.outputs.$0}}\n')), [
      'trained_model',
    ]);
  });

  test('parent.jobs. lists the other steps; then outputs; then the step outputs', () => {
    const step = (expr: string) => pipeline(`  train:\n    type: command\n    inputs:\n      data: \${{${expr}}}\n`);
    const steps = complete(step('parent.jobs.$0')).items;
    assert.deepEqual(
      steps.map((i) => [i.label, i.detail]),
      [['prep', 'command step']],
    );
    assert.match(steps[0].documentation!.value, /\*\*Outputs\*\*[\s\S]*`clean`: uri_folder/);
    assert.deepEqual(labels(step('parent.jobs.prep.$0')), ['outputs', 'inputs']);
    const outs = complete(step('parent.jobs.prep.outputs.$0')).items;
    assert.deepEqual(
      outs.map((i) => [i.label, i.detail]),
      [['clean', 'uri_folder']],
    );
  });

  test("a component's command: its inputs and outputs, optional ones last, no service values", () => {
    assert.deepEqual(labels(component('python t.py ${{$0}}')).sort(), ['inputs', 'outputs']);
    const { items } = complete(component('python t.py --x ${{inputs.$0}}'));
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(
      sorted.map((i) => [i.label, i.detail]),
      [
        ['learning_rate', 'number · default 0.01'],
        ['training_data', 'uri_folder'],
        ['resume', 'boolean · optional'],
      ],
    );
    assert.match(items.find((i) => i.label === 'resume')!.documentation!.value, /optional \(use it inside `\$\[\[ \]\]` in a command\)/);
  });

  test('a half-typed name is replaced; a missing }} is added', () => {
    const { items, source } = complete(component('python t.py --x ${{inputs.lea$0}}'));
    const item = items.find((i) => i.label === 'learning_rate')!;
    assert.match(applyEdits(source.text, [item.textEdit!]), /--x \$\{\{inputs\.learning_rate\}\}\n/);
    const open = complete(component('python t.py --x ${{inputs.lea$0'));
    const item2 = open.items.find((i) => i.label === 'learning_rate')!;
    assert.match(applyEdits(open.source.text, [item2.textEdit!]), /--x \$\{\{inputs\.learning_rate\}\}\n/);
  });

  test("an inline step's command: the inputs and outputs written on the step", () => {
    assert.deepEqual(
      labels(
        pipeline(
          '  train:\n    type: command\n    command: echo ${{inputs.$0}}\n    inputs:\n      a: 1\n      b: ${{parent.inputs.epochs}}\n',
        ),
      ),
      ['a', 'b'],
    );
  });

  test('search_space. in a sweep job', () => {
    const sweep = `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --lr \${{search_space.$0}}\n  environment: azureml:env@latest\nsearch_space:\n  lr:\n    type: uniform\n    min_value: 0.01\n    max_value: 0.1\n  batch:\n    type: choice\n    values: [16, 32]\n`;
    assert.deepEqual(
      complete(sweep).items.map((i) => [i.label, i.detail]),
      [
        ['lr', 'uniform'],
        ['batch', 'choice'],
      ],
    );
    assert.ok(labels(sweep.replace('search_space.$0', '$0')).includes('search_space'));
  });

  test('not in a comment', () => {
    assert.deepEqual(labels(component('python t.py # see ${{inputs.$0}}')), []);
  });

  test('outside an expression the usual completion answers', () => {
    const keys = labels(`${schemaLine('commandComponent')}\nname: c\n$0`);
    assert.ok(keys.includes('inputs') && keys.includes('command'), keys.join(','));
  });
});

describe('completion inside ${{ }} across files (test/fixtures/workspaces/bindings)', () => {
  let fx: Fixture;
  before(async () => {
    fx = await openFixture('bindings');
  });

  function at(rel: string, needle: string, insert: string) {
    const text = fx.text(rel);
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    const edited = text.slice(0, i) + insert + text.slice(i + needle.length);
    const offset = edited.indexOf('$0');
    const clean = edited.replace('$0', '');
    fx.edit(rel, clean);
    return fx.service.complete(fx.source(rel), new LineIndex(clean).positionAt(offset)).items;
  }

  test("another step's outputs come from its component file", () => {
    const items = at('pipelines/train-pipeline.yml', '${{parent.jobs.train.outputs.model_output}}', '${{parent.jobs.train.outputs.$0}}');
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [['model_output', 'uri_folder']],
    );
    assert.match(items[0].documentation!.value, /The trained model\.[\s\S]*Declared in `\.\.\/components\/train\.yml` line 25/);
  });
});
