import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSuppressions } from '../../server/src/core/suppress';
import { LineIndex } from '../../server/src/core/text';
import type { Diagnostic } from '../../server/src/core/types';
import { doc, schemaLine, service } from '../helpers';
import { rangeOf } from '../markers';

const RULE = 'batch-endpoint-network-keys';
const endpoint = (body: string) => `${schemaLine('batchEndpoint')}\nname: my-batch-endpoint\n${body}auth_mode: aad_token\n`;
const BOTH = 'public_network_access: disabled\negress_public_network_access: disabled\n';
/** A line with two diagnostics of two rules: datastore-credentials on the key, plaintext-secret on the value. */
const datastore = (before: string) =>
  `${schemaLine('azureBlob')}\nname: blob_example\ntype: azure_blob\naccount_name: mytestblobstore\ncontainer_name: data-container\n${before}credentials: {account_key: Sup3rS3cret}\n`;

function diagnostics(text: string): Diagnostic[] {
  return service().diagnostics(doc(text));
}
/** `code@line:character-line:character` (0-based) of each diagnostic, in order. */
const where = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
/** The same for expected diagnostics: a code and a snippet of the text (« » mark the range within it). */
const expected = (text: string, ...list: Array<[string, string]>) =>
  list.map(([code, snippet]) => {
    const r = rangeOf(text, snippet);
    return `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  });
/** The rule's two keys in BOTH (the second name contains the first). */
const KEY = '\n«public_network_access»';
const EGRESS = 'egress_public_network_access';

describe('suppression comments', () => {
  test('without comments both keys are reported', () => {
    const text = endpoint(BOTH);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, KEY], [RULE, EGRESS]));
  });

  test('disable-next-line with one id silences only the next line', () => {
    const text = endpoint(`# aml-yaml-disable-next-line ${RULE}\n${BOTH}`);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, EGRESS]));
  });

  test('disable-next-line applies to the next line, not to the comment line or the one after', () => {
    const text = endpoint(`public_network_access: disabled # aml-yaml-disable-next-line ${RULE}\negress_public_network_access: disabled\n`);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, KEY]));
  });

  test('disable-line silences the ids on its own line only', () => {
    const text = endpoint(`public_network_access: disabled # aml-yaml-disable-line ${RULE}\negress_public_network_access: disabled\n`);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, EGRESS]));
  });

  test('a directive name that merely starts like one (aml-yaml-disable-lines) suppresses nothing', () => {
    const text = endpoint(`# aml-yaml-disable-lines ${RULE}\n${BOTH}`);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, KEY], [RULE, EGRESS]));
  });

  test('disable-next-line with two ids silences both rules on that line', () => {
    const plain = datastore('');
    assert.deepEqual(
      where(diagnostics(plain)).sort(),
      expected(plain, ['datastore-credentials', '«credentials»: {'], ['plaintext-secret', 'Sup3rS3cret']),
    );
    assert.deepEqual(where(diagnostics(datastore('# aml-yaml-disable-next-line datastore-credentials, plaintext-secret\n'))), []);
    const one = datastore('# aml-yaml-disable-next-line plaintext-secret\n');
    assert.deepEqual(where(diagnostics(one)), expected(one, ['datastore-credentials', '«credentials»: {']));
  });

  test('ids may be separated by spaces and followed by "-- reason"', () => {
    assert.deepEqual(
      where(diagnostics(datastore('# aml-yaml-disable-next-line datastore-credentials plaintext-secret -- sample from the docs\n'))),
      [],
    );
  });

  test('file-level disable silences the id everywhere, wherever the comment is', () => {
    assert.deepEqual(where(diagnostics(endpoint(`# aml-yaml-disable ${RULE}\n${BOTH}`))), []);
    assert.deepEqual(where(diagnostics(`${endpoint(BOTH)}# aml-yaml-disable ${RULE}\n`)), []);
  });

  test('file-level disable with two ids, and other rules stay on', () => {
    assert.deepEqual(where(diagnostics(`# aml-yaml-disable datastore-credentials, plaintext-secret\n${datastore('')}`)), []);
    const text = `# aml-yaml-disable plaintext-secret\n${datastore('')}`;
    assert.deepEqual(where(diagnostics(text)), expected(text, ['datastore-credentials', '«credentials»: {']));
  });

  test('"all" silences every code', () => {
    assert.deepEqual(where(diagnostics(`# aml-yaml-disable all\n${datastore('')}`)), []);
    const text = endpoint(`# aml-yaml-disable-next-line all\n${BOTH}`);
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, EGRESS]));
  });

  test('schema codes can be suppressed too', () => {
    const text = `${schemaLine('batchEndpoint')}\nname: ep\n# aml-yaml-disable-next-line unknown-key\nnot_a_key: 1\n`;
    assert.deepEqual(where(diagnostics(text)), []);
    const without = text.replace('# aml-yaml-disable-next-line unknown-key\n', '');
    assert.deepEqual(where(diagnostics(without)), expected(without, ['unknown-key', '«not_a_key»: 1']));
  });

  test('an unknown id is reported with its precise range; the known id beside it still works', () => {
    const text = endpoint(`# aml-yaml-disable-next-line batch-endpoint-network-kyes, ${RULE}\npublic_network_access: disabled\n`);
    const ds = diagnostics(text);
    assert.deepEqual(where(ds), expected(text, ['unknown-rule-id', 'batch-endpoint-network-kyes']));
    assert.equal(ds[0].message, '"batch-endpoint-network-kyes" is not an aml-yaml rule id; this suppression has no effect.');
    assert.equal(ds[0].severity, 2);
    const lines = new LineIndex(text);
    assert.equal(text.slice(lines.offsetAt(ds[0].range.start), lines.offsetAt(ds[0].range.end)), 'batch-endpoint-network-kyes');
  });

  test('an unknown id in a file-level comment is reported too, and the reason is not read as ids', () => {
    const text = `# aml-yaml-disable no-such-rule -- not-an-id either\n${endpoint('')}`;
    assert.deepEqual(where(diagnostics(text)), expected(text, ['unknown-rule-id', 'no-such-rule']));
  });

  test('unknown ids are not reported in YAML that is not Azure ML', () => {
    assert.deepEqual(where(diagnostics('steps:\n  # aml-yaml-disable nonsense\n  - run: echo\n')), []);
  });

  test('a "#" inside a string or block scalar is text, not a suppression comment', () => {
    const quoted = endpoint(`description: "# aml-yaml-disable ${RULE}"\npublic_network_access: disabled\n`);
    assert.deepEqual(where(diagnostics(quoted)), expected(quoted, [RULE, KEY]));
    const block = endpoint(`description: |\n  # aml-yaml-disable ${RULE}\npublic_network_access: disabled\n`);
    assert.deepEqual(where(diagnostics(block)), expected(block, [RULE, KEY]));
    const afterBlock = endpoint(`description: |\n  text\n# aml-yaml-disable-next-line ${RULE}\npublic_network_access: disabled\n`);
    assert.deepEqual(where(diagnostics(afterBlock)), []);
  });

  test('CRLF line endings', () => {
    const text = endpoint(`# aml-yaml-disable-next-line ${RULE}\n${BOTH}`).replace(/\n/g, '\r\n');
    assert.deepEqual(where(diagnostics(text)), expected(text, [RULE, EGRESS]));
  });
});

describe('parseSuppressions', () => {
  const parse = (text: string, inScalar?: (o: number) => boolean) => {
    const lines = new LineIndex(text);
    return parseSuppressions(text, (o) => lines.positionAt(o).line, inScalar);
  };

  test('next-line ids by line, file ids, and the offsets of every id', () => {
    const text = 'a: 1\n# aml-yaml-disable-next-line x-one,x-two\nb: 2\n#aml-yaml-disable x-three\n';
    const s = parse(text);
    assert.deepEqual(
      [...s.lines.entries()].map(([l, ids]) => [l, [...ids]]),
      [[2, ['x-one', 'x-two']]],
    );
    assert.deepEqual([...s.file], ['x-three']);
    assert.deepEqual(
      s.mentioned.map((m) => [m.id, text.slice(m.start, m.end)]),
      [
        ['x-one', 'x-one'],
        ['x-two', 'x-two'],
        ['x-three', 'x-three'],
      ],
    );
  });

  test('a # glued to text is not a comment; one inside a scalar is skipped', () => {
    assert.equal(parse('a: b#aml-yaml-disable x\n').mentioned.length, 0);
    assert.equal(parse('# aml-yaml-disable x\n', () => true).mentioned.length, 0);
  });

  test('no comment, nothing to do', () => {
    const s = parse('a: 1\n');
    assert.equal(s.file.size + s.lines.size + s.mentioned.length, 0);
  });
});
