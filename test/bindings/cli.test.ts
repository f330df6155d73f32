import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { WORKSPACES } from '../workspace/harness';
import { removeTree, runCli, tempTree } from '../cli/helpers';
import { positionOf } from '../markers';

/** `aml-yaml check` reports the binding codes, across the files it checks, in every format. */
describe('aml-yaml check: bindings', () => {
  const dir = tempTree();
  fs.cpSync(path.join(WORKSPACES, 'bindings'), dir, { recursive: true });
  const pipeline = path.join(dir, 'pipelines', 'train-pipeline.yml');
  fs.writeFileSync(
    pipeline,
    fs
      .readFileSync(pipeline, 'utf8')
      .replace('${{parent.inputs.raw_data}}', '${{parent.inputs.raw_dat}}')
      .replace('      max_epochs: ${{parent.inputs.epochs}}\n', ''),
  );
  after(() => removeTree(dir));

  test('json: the binding error and the component-interface error of the edited pipeline, nothing else', async () => {
    const r = await runCli(['check', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    const found = out.files.flatMap((f: any) =>
      f.diagnostics.map((d: any) => `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.severity}`),
    );
    const text = fs.readFileSync(pipeline, 'utf8');
    const at = (snippet: string) => {
      const p = positionOf(text, snippet);
      return `pipelines/train-pipeline.yml:${p.line + 1}:${p.character + 1}`;
    };
    assert.deepEqual(found, [
      `${at('\n  «»train:')} step-required-input-missing 1`,
      `${at('parent.inputs.«raw_dat»}}')} binding-unresolved 1`,
    ]);
  });

  test('sarif: the binding codes are described rules', async () => {
    const r = await runCli(['check', '--format', 'sarif', '.'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    const rules = sarif.runs[0].tool.driver.rules.map((x: any) => x.id);
    for (const code of ['binding-unresolved', 'step-required-input-missing', 'optional-input-unbracketed', 'step-cycle'])
      assert.ok(rules.includes(code), code);
    assert.deepEqual(
      sarif.runs[0].results.map((x: any) => [x.ruleId, x.level]),
      [
        ['step-required-input-missing', 'error'],
        ['binding-unresolved', 'error'],
      ],
    );
  });

  test('settings turn a binding code down, and --fix applies the preferred did-you-mean', async () => {
    fs.writeFileSync(path.join(dir, '.aml-yaml.json'), JSON.stringify({ rules: { 'step-required-input-missing': 'warning' } }));
    try {
      const r = await runCli(['check', '--fix', '--format', 'json', '.'], { cwd: dir });
      assert.equal(r.status, 0, r.stdout);
      assert.match(fs.readFileSync(pipeline, 'utf8'), /training_data: \$\{\{parent\.inputs\.raw_data\}\}/);
      const left = JSON.parse(r.stdout).files.flatMap((f: any) => f.diagnostics.map((d: any) => [d.code, d.severity]));
      assert.deepEqual(left, [['step-required-input-missing', 2]]);
    } finally {
      fs.rmSync(path.join(dir, '.aml-yaml.json'));
    }
  });
});
