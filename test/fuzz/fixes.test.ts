import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseYaml } from '../../server/src/core/document';
import { fixAllEdits } from '../../server/src/features/codeActions';
import { applyEdits, doc, schemaLine, service } from '../helpers';
import { positionOf } from '../markers';

/** The bugs the fuzzer and the hostile inputs found, each pinned by a small case. */

const deployment = (collections: string) =>
  `${schemaLine('managedOnlineDeployment')}\nname: blue\nendpoint_name: ep\nmodel: azureml:m:1\ninstance_type: Standard_F2s_v2\ninstance_count: 1\ndata_collector:\n  collections:\n${collections}`;

function fixesFor(text: string, code: string) {
  const d = doc(text);
  const diagnostic = service()
    .diagnostics(d)
    .find((x) => x.code === code);
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(service().diagnostics(d))}`);
  return { d, diagnostic, actions: service().codeActions(d, diagnostic.range, [diagnostic]) };
}

describe('fixes found by fuzzing', () => {
  test('a casing fix keeps a string value a string (quotes kept or added)', () => {
    for (const [written, expected] of [
      ["'True'", "'true'"],
      ['"True"', '"true"'],
      ['TRUE_', "'true'"],
    ]) {
      const code = written === 'TRUE_' ? 'invalid-enum' : 'non-canonical-enum';
      const { d, actions } = fixesFor(deployment(`    model_inputs:\n      enabled: ${written}\n`), code);
      const fixed = applyEdits(d.text, actions[0].edit.changes![d.uri]);
      assert.ok(fixed.includes(`enabled: ${expected}\n`), fixed);
      assert.equal((parseYaml(fixed).sections[0].value as any).data_collector.collections.model_inputs.enabled, 'true');
      assert.ok(
        !service()
          .diagnostics(doc(fixed))
          .some((x) => x.code === 'wrong-type'),
      );
    }
  });

  test('a plain value stays plain when it needs no quotes', () => {
    const { d, actions } = fixesFor(
      `${schemaLine('workspace')}\nname: ws\nlocation: eastus\npublic_network_access: disabled\n`,
      'non-canonical-enum',
    );
    assert.equal(actions[0].edit.changes![d.uri][0].newText, 'Disabled');
  });

  test('"fix all" never renames two keys to the same name', () => {
    const text = `${schemaLine('workspace')}\nname: ws\nlocation: eastus\ntagz:\n  a: b\ntahs:\n  c: d\n`;
    const analysis = service().analyze(doc(text));
    assert.equal(analysis.diagnostics.filter((x) => x.code === 'unknown-key').length, 2);
    const all = fixAllEdits(analysis, 'unknown-key');
    assert.equal(all.count, 1);
    const fixed = applyEdits(text, all.edits);
    assert.ok(!parseYaml(fixed).sections[0].problems.some((p) => p.code === 'duplicate-key'), fixed);
  });

  test('an empty key gets no did-you-mean guess', () => {
    const text = `${schemaLine('workspace')}\nname: ws\nlocation: eastus\n: oops\n`;
    const d = doc(text);
    const unknown = service()
      .diagnostics(d)
      .filter((x) => x.code === 'unknown-key');
    for (const u of unknown) assert.equal(service().codeActions(d, u.range, [u]).length, 0);
  });

  test('duplicate keys are still reported, at the repeated key', () => {
    const text = `${schemaLine('workspace')}\nname: ws\nlocation: eastus\nname: again\ntags: {a: 1, a: 2}\n`;
    const dups = service()
      .diagnostics(doc(text))
      .filter((x) => x.code === 'duplicate-key');
    assert.deepEqual(
      dups.map((x) => x.range.start),
      [positionOf(text, '«»name: again'), positionOf(text, 'a: 1, «»a: 2')],
    );
  });

  test('collection keys do not make the yaml package print process warnings', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      service().diagnostics(doc(`${schemaLine('workspace')}\nname: ws\n? [a, b]\n: 1\n`));
    } finally {
      process.off('warning', onWarning);
    }
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        assert.deepEqual(warnings, []);
        resolve();
      }),
    );
  });
});
