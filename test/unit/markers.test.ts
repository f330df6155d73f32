import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineOf, marked, positionOf, rangeOf, textAt } from '../markers';

describe('test/markers.ts: positions from the fixture text', () => {
  test('marked: ranges in text order, markers removed, UTF-16 columns', () => {
    const { text, ranges } = marked('a: «1»\nb: [«x», «😀y»]\n«»c: 3\n');
    assert.equal(text, 'a: 1\nb: [x, 😀y]\nc: 3\n');
    assert.deepEqual(ranges, [
      { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } },
      { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } },
      { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } },
      { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
    ]);
    assert.deepEqual(
      ranges.map((r) => textAt(text, r)),
      ['1', 'x', '😀y', ''],
    );
  });

  test('marked: a range over several lines, nested ranges, unbalanced markers', () => {
    const { text, ranges } = marked('«a:\n  «b»: 1»\n');
    assert.deepEqual(
      ranges.map((r) => textAt(text, r)),
      ['a:\n  b: 1', 'b'],
    );
    assert.throws(() => marked('a: «1\n'), /without its »/);
    assert.throws(() => marked('a: 1»\n'), /without its «/);
  });

  test('rangeOf: a snippet that occurs once, narrowed by its markers', () => {
    const text = 'name: ws\npublic_network_access: Disabled\negress_public_network_access: Disabled\n';
    assert.deepEqual(rangeOf(text, 'egress_public_network_access'), { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } });
    assert.deepEqual(rangeOf(text, '\n«public_network_access»'), { start: { line: 1, character: 0 }, end: { line: 1, character: 21 } });
    assert.deepEqual(positionOf(text, 'ws\npublic_network_access: «Disabled»'), { line: 1, character: 23 });
    assert.equal(lineOf(text, 'egress'), 2);
    assert.throws(() => rangeOf(text, 'public_network_access'), /occurs more than once/);
    assert.throws(() => rangeOf(text, 'private'), /is not in the text/);
    assert.throws(() => rangeOf(text, '«name»: «ws»'), /marks 2 ranges/);
  });
});
