import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, lineBreakOf } from '../../server/src/core/text';

describe('LineIndex', () => {
  test('maps offsets and positions both ways with LF, CRLF and CR line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `a: 1${eol}bb: 22${eol}${eol}c: 3`;
      const idx = new LineIndex(text);
      assert.equal(idx.lineCount, 4);
      const c = text.indexOf('c');
      assert.deepEqual(idx.positionAt(c), { line: 3, character: 0 });
      assert.equal(idx.offsetAt({ line: 3, character: 0 }), c);
      assert.equal(idx.lineText(1), 'bb: 22');
      assert.equal(
        idx.offsetAt({ line: 1, character: 99 }),
        text.indexOf('22') + 2,
        'a column past the end clamps to the line end, before the break',
      );
    }
  });

  test('columns are UTF-16 code units, as LSP requires', () => {
    const text = 'name: "😀é"\nx: 1';
    const idx = new LineIndex(text);
    // The emoji is two UTF-16 units: the closing quote is at column 10.
    assert.deepEqual(idx.positionAt(text.indexOf('"', 7)), { line: 0, character: 10 });
    assert.equal(idx.offsetAt({ line: 1, character: 0 }), text.indexOf('x'));
  });

  test('out-of-range positions clamp instead of throwing', () => {
    const idx = new LineIndex('a: 1\n');
    assert.equal(idx.offsetAt({ line: 50, character: 3 }), 5);
    assert.equal(idx.offsetAt({ line: -1, character: 0 }), 0);
    assert.deepEqual(idx.positionAt(1000), { line: 1, character: 0 });
  });

  test('lineBreakOf keeps the file style', () => {
    assert.equal(lineBreakOf('a\r\nb'), '\r\n');
    assert.equal(lineBreakOf('a\nb'), '\n');
  });
});
