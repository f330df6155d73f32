import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, doc, schemaLine, service } from '../helpers';

const RULE = 'batch-endpoint-network-keys';
const endpoint = (body: string) => `${schemaLine('batchEndpoint')}\nname: my-batch-endpoint\n${body}auth_mode: aad_token\n`;
const blob = (name: string, credentials: string) =>
  `${schemaLine('azureBlob')}\nname: ${name}\ntype: azure_blob\naccount_name: mytestblobstore\ncontainer_name: data-container\n${credentials}`;

function fixAll(text: string, code: string) {
  const s = service();
  const source = doc(text);
  const mine = s.diagnostics(source).filter((d) => d.code === code);
  const actions = s.codeActions(source, mine[0].range, [mine[0]]);
  return { s, source, mine, actions, all: actions.find((a) => a.title === `Fix all "${code}" problems in this file`) };
}

describe('fix all in file', () => {
  test('two diagnostics of one fixable rule get a "Fix all" action whose edits fix both', () => {
    const text = endpoint('public_network_access: disabled\n# keep me\negress_public_network_access: disabled\n');
    const { s, source, mine, actions, all } = fixAll(text, RULE);
    assert.equal(mine.length, 2);
    assert.ok(all, `no fix-all action; offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(all!.kind, 'quickfix');
    assert.deepEqual(all!.diagnostics, mine);
    // The single fix for the diagnostic under the cursor is still offered, and preferred.
    const single = actions.find((a) => a.title === 'Remove "public_network_access"');
    assert.ok(single?.isPreferred);
    const out = applyEdits(text, all!.edit.changes[source.uri]);
    assert.equal(out, endpoint('# keep me\n'));
    assert.deepEqual(
      s.diagnostics(doc(out)).filter((d) => d.code === RULE),
      [],
    );
  });

  test('it is offered from either diagnostic', () => {
    const text = endpoint('public_network_access: disabled\negress_public_network_access: disabled\n');
    const s = service();
    const source = doc(text);
    const second = s.diagnostics(source).filter((d) => d.code === RULE)[1];
    const all = s.codeActions(source, second.range, [second]).find((a) => a.title.startsWith('Fix all'));
    assert.ok(all);
    assert.equal(applyEdits(text, all!.edit.changes[source.uri]), endpoint(''));
  });

  test('one diagnostic: no "Fix all" action', () => {
    const { actions } = fixAll(endpoint('public_network_access: disabled\n'), RULE);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Remove "public_network_access"'],
    );
  });

  test('across the documents of a multi-document file', () => {
    const text = `${blob('one', 'credentials:\n  account_key: ${{secrets.a}}\n')}---\n${blob('two', 'credentials:\n  sas_token: ""\n')}`;
    const { source, mine, all } = fixAll(text, 'datastore-credentials');
    assert.equal(mine.length, 2);
    assert.ok(all);
    assert.equal(applyEdits(text, all!.edit.changes[source.uri]), `${blob('one', '')}---\n${blob('two', '')}`);
  });
});
