import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseYaml } from '../../server/src/core/document';
import { reparseEdited } from '../../server/src/core/incremental';
import { LIMITS } from '../../server/src/core/limits';
import { applyEdits, doc, schemaLine, service } from '../helpers';

/**
 * YAML as the Azure ML CLI reads it (PyYAML's safe_load, YAML 1.1): the
 * expectations below were checked against PyYAML 6 and, where a spec is
 * involved, against the azure-ai-ml loader (the oracle in /work/shared).
 */

const valueOf = (text: string) => parseYaml(text).sections[0].value as any;
const problemsOf = (text: string) => parseYaml(text).sections[0].problems;
const codes = (text: string) =>
  service()
    .diagnostics(doc(text))
    .map((d) => String(d.code));

describe('YAML 1.1 booleans', () => {
  test('yes/no/on/off in every spelling PyYAML knows are booleans; y, n and keys are not', () => {
    const v = valueOf('a: yes\nb: No\nc: ON\nd: off\ne: y\nf: n\ng: "on"\nh: !!str off\non: 1\ni: True\n');
    assert.deepEqual(v, { a: true, b: false, c: true, d: false, e: 'y', f: 'n', g: 'on', h: 'off', on: 1, i: true });
  });

  test('a boolean field accepts yes (the CLI reads true)', () => {
    assert.ok(!codes(`${schemaLine('workspace')}\nname: w\nlocation: eastus\nhbi_workspace: yes\n`).includes('wrong-type'));
  });

  test('a string field with no: an error that says why, and a fix that quotes it', () => {
    const d = doc(`${schemaLine('workspace')}\nname: w\nlocation: eastus\ndisplay_name: no\n`);
    const [diag] = service()
      .diagnostics(d)
      .filter((x) => x.code === 'wrong-type');
    assert.ok(diag, 'the CLI rejects display_name: no ("Not a valid string")');
    assert.match(diag.message, /YAML 1\.1, where no is the boolean false/);
    const [fix] = service().codeActions(d, diag.range, [diag]);
    assert.equal(fix.title, "Quote it: 'no'");
    assert.match(applyEdits(d.text, fix.edit!.changes![d.uri]), /display_name: 'no'\n/);
  });

  test('public_network_access: on is one invalid-enum error with the meant value as fix', () => {
    const d = doc(`${schemaLine('workspace')}\nname: w\nlocation: eastus\npublic_network_access: on\n`);
    const ds = service().diagnostics(d);
    assert.deepEqual(
      ds.map((x) => x.code),
      ['invalid-enum'],
    );
    assert.match(ds[0].message, /where on is the boolean true.*Did you mean "Enabled"\?/);
    const [fix] = service().codeActions(d, ds[0].range, [ds[0]]);
    assert.match(applyEdits(d.text, fix.edit!.changes![d.uri]), /public_network_access: Enabled\n/);
  });
});

describe('merge keys', () => {
  test('<< merges a mapping; explicit keys win; in a list the first mapping wins (as PyYAML)', () => {
    const v = valueOf('a: &x {k: 1, j: 2}\nb: &y {k: 3, m: 4}\nc:\n  <<: [*x, *y]\n  j: 9\nd:\n  <<: *x\n  k: 5\n');
    assert.deepEqual(v.c, { k: 1, m: 4, j: 9 });
    assert.deepEqual(v.d, { k: 5, j: 2 });
  });

  test('merged keys are present: no missing-required, no unknown key "<<"', () => {
    const text = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\n<<: {size: STANDARD_DS3_v2, max_instances: 4}\n`;
    const v = valueOf(text);
    assert.equal(v.size, 'STANDARD_DS3_v2');
    assert.deepEqual(
      codes(text).filter((c) => c === 'unknown-key' || c === 'missing-required'),
      [],
    );
  });

  test('a quoted "<<" is an ordinary key; a << of a scalar is an error', () => {
    assert.deepEqual(valueOf("c:\n  '<<': {a: 1}\n"), { c: { '<<': { a: 1 } } });
    assert.match(problemsOf('c:\n  <<: 5\n')[0].message, /merge key takes a mapping/);
  });
});

describe('aliases, anchors and tags', () => {
  test('an alias without an anchor is reported as such (not as the alias limit), without follow-up schema errors', () => {
    const text = `${schemaLine('workspace')}\nname: w\nlocation: *nowhere\n`;
    const ds = service().diagnostics(doc(text));
    assert.deepEqual(
      ds.map((d) => d.code),
      ['yaml-syntax'],
    );
    assert.match(ds[0].message, /\*nowhere has no anchor/);
  });

  test('a duplicate anchor and a recursive alias are errors (PyYAML stops on both)', () => {
    assert.match(problemsOf('a: &x 1\nb: &x 2\n')[0].message, /defined a second time/);
    assert.match(problemsOf('a: &r [*r]\n')[0].message, /recursive/);
  });

  test('tags safe_load cannot construct are errors; standard tags are fine', () => {
    assert.match(problemsOf('a: !Ref x\n')[0].message, /cannot read the tag !Ref/);
    assert.match(problemsOf('a: !Ref {b: 1}\n')[0].message, /cannot read the tag !Ref/);
    assert.deepEqual(problemsOf('a: !!str 12\nb: !!binary aGVsbG8=\nc: !!int "7"\n'), []);
    assert.deepEqual(valueOf('a: !!str 12\nc: !!int "7"\n'), { a: '12', c: 7 });
  });

  test('a mapping or list used as a key is an error', () => {
    assert.match(problemsOf('? [a, b]\n: 1\n')[0].message, /used as a key/);
  });

  test('aliases of empty collections count against the expansion limit', () => {
    const many = (n: number) => `a: &a []\nb: [${Array(n).fill('*a').join(',')}]\n`;
    assert.deepEqual(problemsOf(many(1000)), []);
    // More aliases than the limit: stopped before parsing (each alias counts at least 1).
    const over = parseYaml(many(LIMITS.maxAliasExpansion + 1));
    assert.equal(over.fatal?.code, 'alias-limit');
    assert.deepEqual(over.sections, []);
    // Fewer aliases that stand for more than one value each: stopped while the value is built.
    const pairs = parseYaml(
      `a: &a [x]\nb: [${Array(LIMITS.maxAliasExpansion / 2 + 1)
        .fill('*a')
        .join(',')}]\n`,
    );
    assert.deepEqual(
      pairs.sections[0].problems.map((p) => p.code),
      ['alias-limit'],
    );
    assert.equal(pairs.sections[0].value, undefined);
    // Reported for an Azure ML file.
    assert.deepEqual(codes(`${schemaLine('workspace')}\n${many(LIMITS.maxAliasExpansion + 1)}`), ['alias-limit']);
  });

  test('an alias counts the size of what it stands for (a nested bomb stops at the limit)', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 8; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    assert.deepEqual(
      problemsOf(text).map((p) => p.code),
      ['alias-limit'],
    );
  });

  test('keys per mapping and nodes are bounded', () => {
    const keys = Array.from({ length: LIMITS.maxKeysPerMap + 1 }, (_, i) => `k${i}: 1`).join('\n');
    assert.deepEqual(
      problemsOf(keys).map((p) => p.code),
      ['too-many-keys'],
    );
  });
});

describe('%YAML 1.1 directive', () => {
  const text = `%YAML 1.1\n---\n${schemaLine('workspace')}\nname: w\nlocation: eastus\ntags:\n  a: on\n  b: x\n`;

  test('a document reads the same with and without the directive', () => {
    assert.deepEqual(valueOf(text), valueOf(text.replace('%YAML 1.1\n---\n', '')));
  });

  test('an edit re-parses to what a full parse gives', () => {
    const next = text.replace('b: x', 'b: yes');
    const incremental = reparseEdited(parseYaml(text), next) ?? parseYaml(next);
    assert.deepEqual(incremental.sections[0].value, parseYaml(next).sections[0].value);
    assert.deepEqual(incremental.sections[0].problems, parseYaml(next).sections[0].problems);
    // Through the service (incremental parse on), as the server does.
    const svc = service({ incrementalParse: true });
    const uri = 'file:///corners/directive.yml';
    svc.diagnostics({ uri, version: 1, text });
    const edited = svc.diagnostics({ uri, version: 2, text: next });
    assert.deepEqual(edited, service().diagnostics({ uri: 'file:///corners/fresh.yml', version: 1, text: next }));
  });
});
