import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import type { Location, Range, TextEdit } from '../../server/src/core/types';
import { applyEdits, schemaLine, service, withCursor } from '../helpers';
import { openFixture, type Fixture } from '../workspace/harness';
import { marked } from './tester';

/**
 * Hover, definition, references, rename and outline of bindings. Fixtures
 * mark the cursor with $0 and expected ranges with « ».
 */

const PIPELINE = `${schemaLine('pipelineJob')}
type: pipeline
settings:
  default_compute: azureml:cpu-cluster
  on_init: prep
inputs:
  raw_data:
    type: uri_folder
    path: azureml:iris:1
    description: The raw CSV files.
outputs:
  model:
jobs:
  prep:
    type: command
    command: python prep.py --raw_data \${{inputs.raw}} --out \${{outputs.clean}}
    environment: azureml:env@latest
    inputs:
      raw: \${{parent.inputs.raw_data}}
    outputs:
      clean:
        type: uri_folder
  train:
    type: command
    command: python train.py --data \${{inputs.data}} --raw \${{inputs.raw}} --model \${{outputs.model}}
    environment: azureml:env@latest
    inputs:
      data: \${{parent.jobs.prep.outputs.clean}}
      raw: \${{parent.inputs.raw_data}}
    outputs:
      model: \${{parent.outputs.model}}
`;

/** PIPELINE with a cursor and expected ranges: `cursor` replaces the nth occurrence of `needle`. */
function cursorAt(text: string, needle: string, withMarker: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} #${nth}`);
  return text.slice(0, i) + withMarker + text.slice(i + needle.length);
}

const key = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
const keys = (locs: Location[]) => locs.map((l) => key(l.range)).sort();

describe('navigation of bindings in one file', () => {
  const open = (fixture: string) => withCursor(fixture);

  test('definition: from a pipeline input binding, a step name, a step output', () => {
    const cases: Array<[string, string, string]> = [
      ['${{parent.inputs.raw_data}}', '${{parent.inputs.raw_$0data}}', '7:3-7:11'],
      ['${{parent.jobs.prep.outputs.clean}}', '${{parent.jobs.pr$0ep.outputs.clean}}', '14:3-14:7'],
      ['${{parent.jobs.prep.outputs.clean}}', '${{parent.jobs.prep.outputs.cl$0ean}}', '21:7-21:12'],
      ['${{inputs.data}}', '${{inputs.da$0ta}}', '28:7-28:11'],
      ['${{parent.outputs.model}}', '${{parent.outputs.mo$0del}}', '12:3-12:8'],
    ];
    for (const [needle, cursor, want] of cases) {
      const { source, position } = open(cursorAt(PIPELINE, needle, cursor));
      assert.deepEqual(
        service()
          .definition(source, position)
          .map((l) => key(l.range)),
        [want],
        cursor,
      );
    }
  });

  test('references of a pipeline input: the declaration and every binding', () => {
    const { source, position } = open(cursorAt(PIPELINE, 'raw_data:', 'raw_d$0ata:'));
    assert.deepEqual(keys(service().references(source, position, true)), ['19:29-19:37', '29:29-29:37', '7:3-7:11']);
    assert.deepEqual(keys(service().references(source, position, false)), ['19:29-19:37', '29:29-29:37']);
  });

  test("references of a step's own input: its key, its command, other steps' bindings", () => {
    const { source, position } = open(cursorAt(PIPELINE, 'raw: ${{parent.inputs.raw_data}}', 'r$0aw: ${{parent.inputs.raw_data}}'));
    // prep's `raw` input: the key and ${{inputs.raw}} in prep's command (train's `raw` is another input).
    assert.deepEqual(keys(service().references(source, position, true)), ['16:50-16:53', '19:7-19:10']);
  });

  test('rename a pipeline input: the declaration and every binding, not the command-line flag', () => {
    const { source, position } = open(cursorAt(PIPELINE, '${{parent.inputs.raw_data}}', '${{parent.inputs.raw_da$0ta}}'));
    const prep = service().prepareRename(source, position);
    assert.equal(prep?.placeholder, 'raw_data');
    const r = service().rename(source, position, 'csv_files');
    assert.ok(r && 'edit' in r);
    const out = applyEdits(source.text, r.edit.changes[source.uri]);
    assert.equal(out, PIPELINE.replace('  raw_data:\n', '  csv_files:\n').replaceAll('parent.inputs.raw_data', 'parent.inputs.csv_files'));
    assert.match(out, /--raw_data \$\{\{inputs\.raw\}\}/);
  });

  test('rename a step: its key, every ${{parent.jobs.<step>}} and settings.on_init', () => {
    const { source, position } = open(cursorAt(PIPELINE, '  prep:\n', '  pr$0ep:\n'));
    const r = service().rename(source, position, 'clean_step');
    assert.ok(r && 'edit' in r);
    const out = applyEdits(source.text, r.edit.changes[source.uri]);
    assert.equal(
      out,
      PIPELINE.replace('  prep:\n', '  clean_step:\n')
        .replace('on_init: prep', 'on_init: clean_step')
        .replace('parent.jobs.prep.', 'parent.jobs.clean_step.'),
    );
  });

  test("rename a step's input from its command: key and command", () => {
    const { source, position } = open(cursorAt(PIPELINE, '${{inputs.data}}', '${{inputs.d$0ata}}'));
    const r = service().rename(source, position, 'training_data');
    assert.ok(r && 'edit' in r);
    const out = applyEdits(source.text, r.edit.changes[source.uri]);
    assert.equal(
      out,
      PIPELINE.replace('${{inputs.data}}', '${{inputs.training_data}}').replace('      data: ${{parent', '      training_data: ${{parent'),
    );
  });

  test('rename refuses invalid and taken names; prepareRename is null off a name', () => {
    const { source, position } = open(cursorAt(PIPELINE, '  prep:\n', '  pr$0ep:\n'));
    assert.deepEqual(service().rename(source, position, 'Prep-2'), {
      error: '"Prep-2" is not a valid step name: use lower-case letters, digits and underscores, starting with a letter or underscore.',
    });
    assert.deepEqual(service().rename(source, position, 'train'), { error: 'A step named "train" already exists.' });
    const off = open(cursorAt(PIPELINE, 'python prep.py', 'python pr$0ep.py'));
    assert.equal(service().prepareRename(off.source, off.position), null);
    assert.equal(service().rename(off.source, off.position, 'x'), null);
  });

  test('a component: rename an input in its declaration and command', () => {
    const comp = `${schemaLine('commandComponent')}\nname: c\ntype: command\nenvironment: azureml:env@latest\ninputs:\n  lr:\n    type: number\n    default: 0.1\ncommand: python t.py --lr \${{inputs.lr}} $[[--lr2 \${{inputs.lr}}]]\n`;
    const { source, position } = open(cursorAt(comp, '  lr:', '  l$0r:'));
    const r = service().rename(source, position, 'learning_rate');
    assert.ok(r && 'edit' in r);
    assert.equal(
      applyEdits(source.text, r.edit.changes[source.uri]),
      comp.replace('  lr:', '  learning_rate:').replaceAll('inputs.lr}}', 'inputs.learning_rate}}'),
    );
  });

  test('a sweep job: rename a search space parameter', () => {
    const sweep = `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --lr \${{search_space.lr}}\n  environment: azureml:env@latest\nsearch_space:\n  lr:\n    type: uniform\n    min_value: 0.01\n    max_value: 0.1\n`;
    const { source, position } = open(cursorAt(sweep, 'search_space.lr', 'search_space.l$0r'));
    const r = service().rename(source, position, 'learning_rate');
    assert.ok(r && 'edit' in r);
    assert.equal(
      applyEdits(source.text, r.edit.changes[source.uri]),
      sweep.replace('search_space.lr', 'search_space.learning_rate').replace('  lr:', '  learning_rate:'),
    );
  });

  test('hover: a binding shows its target; a service value explains itself', () => {
    const { source, position } = open(cursorAt(PIPELINE, '${{parent.inputs.raw_data}}', '${{parent.inputs.raw_d$0ata}}'));
    const h = service().hover(source, position)!;
    assert.match(h.contents.value, /^\*\*raw_data\*\* · input of the pipeline · `uri_folder`/);
    assert.match(h.contents.value, /The raw CSV files\./);
    assert.equal(key(h.range!), '19:12-19:39');
    const out = `${schemaLine('commandJob')}\ncommand: echo\nenvironment: azureml:env@latest\noutputs:\n  m:\n    type: uri_folder\n    path: azureml://datastores/x/paths/\${{na$0me}}/\n`;
    const h2 = service().hover(withCursor(out).source, withCursor(out).position)!;
    assert.match(h2.contents.value, /\*\*name\*\*\n\nThe name of the job/);
  });

  test("hover on the step of a binding: that step's signature", () => {
    const { source, position } = open(cursorAt(PIPELINE, '${{parent.jobs.prep.outputs.clean}}', '${{parent.jobs.pr$0ep.outputs.clean}}'));
    const h = service().hover(source, position)!;
    assert.match(h.contents.value, /^\*\*prep\*\* · command step/);
    assert.equal(key(h.range!), '28:28-28:32');
  });

  test("hover on a step: the step's signature", () => {
    const { source, position } = open(cursorAt(PIPELINE, '  train:\n', '  tr$0ain:\n'));
    const h = service().hover(source, position)!;
    assert.match(h.contents.value, /^\*\*train\*\* · command step/);
    assert.match(h.contents.value, /\*\*Inputs\*\*\n\n- `data`: any ← `\$\{\{parent\.jobs\.prep\.outputs\.clean\}\}`/);
  });

  test('outline: steps with their component, order and bindings', () => {
    const syms = service().documentSymbols({ uri: 'file:///outline.yml', version: 1, text: PIPELINE });
    const jobs = syms[0].children!.find((c) => c.name === 'jobs')!;
    assert.deepEqual(
      jobs.children!.map((c) => [c.name, c.detail]),
      [
        ['prep', 'command step'],
        ['train', 'command step · after prep'],
      ],
    );
    const train = jobs.children![1];
    const inputs = train.children!.find((c) => c.name === 'inputs')!;
    assert.deepEqual(
      inputs.children!.map((c) => [c.name, c.detail]),
      [
        ['data', '← prep.outputs.clean'],
        ['raw', '← pipeline input raw_data'],
      ],
    );
    assert.deepEqual(
      train.children!.find((c) => c.name === 'outputs')!.children!.map((c) => [c.name, c.detail]),
      [['model', '→ pipeline output model']],
    );
  });
});

describe('bindings across files (test/fixtures/workspaces/bindings)', () => {
  let fx: Fixture;
  before(async () => {
    fx = await openFixture('bindings');
  });

  function cursor(rel: string, needle: string, withMarker: string, nth = 0) {
    const text = cursorAt(fx.text(rel), needle, withMarker, nth);
    const offset = text.indexOf('$0');
    return {
      source: { ...fx.source(rel), text: text.replace('$0', '') },
      position: new LineIndex(text.replace('$0', '')).positionAt(offset),
    };
  }
  const rel = (l: Location) => `${l.uri.slice(fx.rootUri.length + 1)}:${key(l.range)}`;
  function applyAll(changes: Record<string, TextEdit[]>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [uri, edits] of Object.entries(changes))
      out[uri.slice(fx.rootUri.length + 1)] = applyEdits(fx.text(uri.slice(fx.rootUri.length + 1)), edits);
    return out;
  }

  test('the fixture is clean', () => {
    for (const f of [
      'components/train.yml',
      'components/score.yml',
      'pipelines/train-pipeline.yml',
      'pipelines/sweep-pipeline.yml',
      'pipelines/sub-pipeline.yml',
      'pipelines/outer-pipeline.yml',
      'pipelines/component-job.yml',
    ]) {
      assert.deepEqual(
        fx.service.diagnostics(fx.source(f)).map((d) => `${key(d.range)} ${d.code} ${d.message}`),
        [],
        f,
      );
    }
  });

  test("hover on a step shows its component's signature", () => {
    const { source, position } = cursor('pipelines/train-pipeline.yml', '  train:', '  tra$0in:');
    const h = fx.service.hover(source, position)!.contents.value;
    assert.match(h, /^\*\*train\*\* · command step · \.\.\/components\/train\.yml/);
    assert.match(h, /Component `train_model` version 3 \(command\)/);
    assert.match(h, /Trains a classifier on a folder of CSV files\./);
    assert.match(
      h,
      /- `training_data`: uri_folder \*\(required\)\* ← `\$\{\{parent\.inputs\.raw_data\}\}` — Folder of training CSV files\./,
    );
    assert.match(h, /- `learning_rate`: number = `0\.01` ← `0\.05`/);
    assert.match(h, /- `resume`: boolean \(optional\)/);
    assert.match(h, /\*\*Outputs\*\*\n\n- `model_output`: uri_folder ← /);
    assert.match(h, /Defined in `\.\.\/components\/train\.yml`/);
  });

  test("definition from a step input goes to the component's declaration", () => {
    const { source, position } = cursor('pipelines/train-pipeline.yml', 'max_epochs:', 'max_ep$0ochs:');
    assert.deepEqual(fx.service.definition(source, position).map(rel), ['components/train.yml:10:3-10:13']);
    const out = cursor('pipelines/train-pipeline.yml', 'outputs.model_output', 'outputs.model_out$0put');
    assert.deepEqual(fx.service.definition(out.source, out.position).map(rel), ['components/train.yml:25:3-25:15']);
  });

  test('references of a component input: declaration, command, and every step that sets it', () => {
    const { source, position } = cursor('components/train.yml', '  max_epochs:', '  max_$0epochs:');
    assert.deepEqual(fx.service.references(source, position, true).map(rel).sort(), [
      'components/train.yml:10:3-10:13',
      'components/train.yml:33:26-33:36',
      'pipelines/sub-pipeline.yml:19:7-19:17',
      'pipelines/sweep-pipeline.yml:16:7-16:17',
      'pipelines/train-pipeline.yml:20:7-20:17',
    ]);
  });

  test('rename a component input from a step: component declaration and command, every pipeline', () => {
    const { source, position } = cursor('pipelines/train-pipeline.yml', 'max_epochs:', 'max_$0epochs:');
    const r = fx.service.rename(source, position, 'epoch_count');
    assert.ok(r && 'edit' in r, JSON.stringify(r));
    const out = applyAll(r.edit.changes);
    assert.deepEqual(Object.keys(out).sort(), [
      'components/train.yml',
      'pipelines/sub-pipeline.yml',
      'pipelines/sweep-pipeline.yml',
      'pipelines/train-pipeline.yml',
    ]);
    assert.equal(
      out['components/train.yml'],
      fx
        .text('components/train.yml')
        .replace('  max_epochs:', '  epoch_count:')
        .replace('${{inputs.max_epochs}}', '${{inputs.epoch_count}}'),
    );
    assert.match(out['components/train.yml'], /--max_epochs \$\{\{inputs\.epoch_count\}\}/);
    for (const f of ['pipelines/sub-pipeline.yml', 'pipelines/sweep-pipeline.yml', 'pipelines/train-pipeline.yml'])
      assert.equal(out[f], fx.text(f).replace('max_epochs:', 'epoch_count:'), f);
  });

  test('rename a component output from the component: step outputs and ${{parent.jobs.<step>.outputs.<name>}} everywhere', () => {
    const { source, position } = cursor('components/train.yml', '  model_output:', '  model_o$0utput:');
    const r = fx.service.rename(source, position, 'model_dir');
    assert.ok(r && 'edit' in r, JSON.stringify(r));
    const out = applyAll(r.edit.changes);
    assert.equal(
      out['components/train.yml'],
      fx
        .text('components/train.yml')
        .replace('  model_output:', '  model_dir:')
        .replace('${{outputs.model_output}}', '${{outputs.model_dir}}'),
    );
    assert.equal(
      out['pipelines/train-pipeline.yml'],
      fx
        .text('pipelines/train-pipeline.yml')
        .replace('      model_output:', '      model_dir:')
        .replace('outputs.model_output}}', 'outputs.model_dir}}'),
    );
    assert.equal(
      out['pipelines/sweep-pipeline.yml'],
      fx.text('pipelines/sweep-pipeline.yml').replace('tune.outputs.model_output', 'tune.outputs.model_dir'),
    );
    assert.equal(
      out['pipelines/sub-pipeline.yml'],
      fx.text('pipelines/sub-pipeline.yml').replace('      model_output:', '      model_dir:'),
    );
    // After the rename every file is still clean.
    for (const [f, t] of Object.entries(out)) fx.edit(f, t);
    for (const f of Object.keys(out))
      assert.deepEqual(
        fx.service.diagnostics(fx.source(f)).map((d) => d.message),
        [],
        f,
      );
    for (const f of Object.keys(out)) fx.edit(f, fx.text(f).replaceAll('model_dir', 'model_output'));
  });

  test('a pipeline component used as a step: its outputs, and renaming one updates the outer pipeline', () => {
    const { source, position } = cursor('pipelines/sub-pipeline.yml', '  model:', '  mo$0del:');
    const r = fx.service.rename(source, position, 'trained');
    assert.ok(r && 'edit' in r);
    const out = applyAll(r.edit.changes);
    assert.equal(
      out['pipelines/sub-pipeline.yml'],
      fx.text('pipelines/sub-pipeline.yml').replace('  model:', '  trained:').replace('parent.outputs.model}}', 'parent.outputs.trained}}'),
    );
    assert.equal(
      out['pipelines/outer-pipeline.yml'],
      fx.text('pipelines/outer-pipeline.yml').replace('sub.outputs.model}}', 'sub.outputs.trained}}'),
    );
  });

  test('component interface checks: unknown names, required inputs, literal types (editing the pipeline)', () => {
    const rel = 'pipelines/train-pipeline.yml';
    const original = fx.text(rel);
    const { text, ranges } = marked(
      original
        .replace('  train:\n', '  «train»:\n')
        .replace('      max_epochs: ${{parent.inputs.epochs}}\n', '      «max_epoch»: ${{parent.inputs.epochs}}\n')
        .replace('learning_rate: 0.05', 'learning_rate: «fast»')
        .replace('      model_output: ${{parent.outputs.trained_model}}', '      «model»: ${{parent.outputs.trained_model}}'),
    );
    fx.edit(rel, text);
    try {
      const d = fx.service.diagnostics(fx.source(rel)).filter((x) => x.code.startsWith('step-'));
      assert.deepEqual(
        d.map((x) => [key(x.range), x.code, x.message]),
        [
          [
            key(ranges[0]),
            'step-required-input-missing',
            'Step "train" does not give required input "max_epochs" (integer) of component ../components/train.yml; it is neither optional nor has a default.',
          ],
          [key(ranges[1]), 'step-unknown-io', 'Component ../components/train.yml has no input "max_epoch"; did you mean "max_epochs"?'],
          [key(ranges[2]), 'step-input-value-invalid', 'Input "learning_rate" is a number, not "fast".'],
          [key(ranges[3]), 'step-unknown-io', 'Component ../components/train.yml has no output "model"; did you mean "model_output"?'],
        ],
      );
    } finally {
      fx.edit(rel, original);
    }
  });

  test('editing the component republishes the pipelines that use it, and they see the new interface', () => {
    const comp = 'components/score.yml';
    const original = fx.text(comp);
    // The pipeline was analysed before, and its text does not change: its parse is reused, its model is not.
    assert.deepEqual(fx.service.diagnostics(fx.source('pipelines/train-pipeline.yml')), []);
    const deps = fx.edit(
      comp,
      original.replace('  test_data:\n    type: uri_folder\n', '  test_data:\n    type: uri_folder\n  threshold:\n    type: number\n'),
      [fx.uri('pipelines/train-pipeline.yml'), fx.uri('pipelines/outer-pipeline.yml'), fx.uri('data/iris-folder.yml')],
    );
    try {
      assert.deepEqual(deps.map((u) => u.slice(fx.rootUri.length + 1)).sort(), [
        'pipelines/outer-pipeline.yml',
        'pipelines/train-pipeline.yml',
      ]);
      const d = fx.service.diagnostics(fx.source('pipelines/train-pipeline.yml')).map((x) => x.message);
      assert.deepEqual(d, [
        'Step "score" does not give required input "threshold" (number) of component ../components/score.yml; it is neither optional nor has a default.',
      ]);
    } finally {
      fx.edit(comp, original);
    }
  });

  describe('a pipeline job that runs a pipeline component (pipelines/component-job.yml)', () => {
    const JOB = 'pipelines/component-job.yml';
    function diagnosticsOf(text: string): Array<[string, string, string, string]> {
      const original = fx.text(JOB);
      fx.edit(JOB, text);
      try {
        return fx.service
          .diagnostics(fx.source(JOB))
          .map((d) => [key(d.range), d.code, ['', 'error', 'warning', 'info', 'hint'][d.severity], d.message]);
      } finally {
        fx.edit(JOB, original);
      }
    }

    test("its inputs and outputs are checked against the component's: unknown names, literal types, data for a value", () => {
      const { text, ranges } = marked(
        fx
          .text(JOB)
          .replace('  epochs: 20', '  epochs: «many»\n  «epoch»: 3')
          .replace('  model:\n    mode: upload', '  «models»:\n    mode: upload'),
      );
      assert.deepEqual(diagnosticsOf(text), [
        [
          key(ranges[0]),
          'step-input-value-invalid',
          'warning',
          'Input "epochs" is an integer, not "many" (component ./sub-pipeline.yml); az ml job create does not check the types of literal inputs, so this shows only when the service or the run reads the value.',
        ],
        [
          key(ranges[1]),
          'step-unknown-io',
          'warning',
          'Component ./sub-pipeline.yml has no input "epoch"; did you mean "epochs"? Azure ML drops the value.',
        ],
        [
          key(ranges[2]),
          'step-unknown-io',
          'warning',
          'Component ./sub-pipeline.yml has no output "models"; did you mean "model"? Azure ML drops the value.',
        ],
      ]);
      const mismatch = marked(fx.text(JOB).replace('  epochs: 20', '  «epochs»:\n    type: uri_file\n    path: ./epochs.txt'));
      assert.deepEqual(
        diagnosticsOf(mismatch.text).filter((d) => d[1].startsWith('step-')),
        [
          [
            key(mismatch.ranges[0]),
            'step-io-mismatch',
            'warning',
            'Input "epochs" is declared as integer by component ./sub-pipeline.yml, not uri_file.',
          ],
        ],
      );
    });

    test('a required input that the steps read is an error when missing; one with a default is not', () => {
      const { text, ranges } = marked(
        fx
          .text(JOB)
          .replace('component: ./sub-pipeline.yml', 'component: «./sub-pipeline.yml»')
          .replace('  data:\n    type: uri_folder\n    path: azureml:iris-folder:1\n  epochs: 20\n', ''),
      );
      assert.deepEqual(diagnosticsOf(text.replace('inputs:\noutputs:', 'outputs:')), [
        [
          key(ranges[0]),
          'step-required-input-missing',
          'error',
          `The pipeline job does not give required input "data" (uri_folder) of component ./sub-pipeline.yml, which its steps read; az ml job create fails with "Required input 'data' for pipeline not provided".`,
        ],
      ]);
    });

    test("a command component is not a pipeline job's component (the loader rejects it)", () => {
      const { text, ranges } = marked(fx.text(JOB).replace('component: ./sub-pipeline.yml', 'component: «../components/train.yml»'));
      assert.deepEqual(diagnosticsOf(text), [
        [
          key(ranges[0]),
          'pipeline-component-expected',
          'error',
          "../components/train.yml is a command component, but a pipeline job's component must be a pipeline component (type: pipeline); the Azure ML loader rejects the job. Run it as a step under jobs: instead.",
        ],
      ]);
    });

    test('a registered component is not checked', () => {
      assert.deepEqual(
        diagnosticsOf(fx.text(JOB).replace('./sub-pipeline.yml', 'azureml:train_sub_pipeline:1').replace('  epochs: 20', '  anything: 20')),
        [],
      );
    });

    test("hover on component: shows the component's signature with what the job gives; hover on an input shows its declaration", () => {
      const c = cursor(JOB, './sub-pipeline.yml', './sub-pi$0peline.yml');
      const h = fx.service.hover(c.source, c.position)!;
      assert.equal(key(h.range!), '4:12-4:30');
      assert.match(h.contents.value, /^\*\*pipeline job\*\* · component \.\/sub-pipeline\.yml/);
      assert.match(h.contents.value, /Component `train_sub_pipeline` \(pipeline\)/);
      assert.match(h.contents.value, /- `data`: uri_folder \*\(required\)\* ← given/);
      assert.match(h.contents.value, /- `epochs`: integer = `10` ← `20`/);
      assert.match(h.contents.value, /\*\*Outputs\*\*\n\n- `model`: uri_folder ← given/);
      assert.match(h.contents.value, /Defined in `sub-pipeline\.yml`/);
      const i = cursor(JOB, '  epochs: 20', '  epo$0chs: 20');
      const hi = fx.service.hover(i.source, i.position)!;
      assert.equal(key(hi.range!), '11:3-11:9');
      assert.match(hi.contents.value, /^\*\*epochs\*\* · input of component \.\/sub-pipeline\.yml · `integer`/);
      assert.match(hi.contents.value, /default `10`/);
    });

    test("definition from an input or output goes to the component's declaration", () => {
      const i = cursor(JOB, '  epochs: 20', '  epo$0chs: 20');
      assert.deepEqual(fx.service.definition(i.source, i.position).map(rel), ['pipelines/sub-pipeline.yml:7:3-7:9']);
      const o = cursor(JOB, '  model:', '  mo$0del:');
      assert.deepEqual(fx.service.definition(o.source, o.position).map(rel), ['pipelines/sub-pipeline.yml:11:3-11:8']);
    });

    test('references and rename of a component input include the job that runs the component', () => {
      const decl = cursor('pipelines/sub-pipeline.yml', '  epochs:', '  epo$0chs:');
      assert.deepEqual(fx.service.references(decl.source, decl.position, true).map(rel).sort(), [
        'pipelines/component-job.yml:11:3-11:9',
        'pipelines/sub-pipeline.yml:19:36-19:42',
        'pipelines/sub-pipeline.yml:7:3-7:9',
      ]);
      const { source, position } = cursor(JOB, '  epochs: 20', '  epo$0chs: 20');
      const r = fx.service.rename(source, position, 'max_epochs');
      assert.ok(r && 'edit' in r, JSON.stringify(r));
      const out = applyAll(r.edit.changes);
      assert.deepEqual(Object.keys(out).sort(), [JOB, 'pipelines/sub-pipeline.yml']);
      assert.equal(out[JOB], fx.text(JOB).replace('  epochs: 20', '  max_epochs: 20'));
      assert.equal(
        out['pipelines/sub-pipeline.yml'],
        fx
          .text('pipelines/sub-pipeline.yml')
          .replace('  epochs:\n', '  max_epochs:\n')
          .replace('parent.inputs.epochs}}', 'parent.inputs.max_epochs}}'),
      );
    });
  });
});
