import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanExpressions, scanSingleBraces } from '../../server/src/bindings/expressions';

const texts = (text: string) =>
  scanExpressions(text).expressions.map((e) => ({
    at: text.slice(e.start, e.end),
    path: e.segments.map((s) => text.slice(s.start, s.end)).join('|'),
    closed: e.terminated,
    complex: e.complex,
    optional: e.optional ? text.slice(e.optional.start, e.optional.end) : undefined,
    legacy: e.optional?.legacy,
  }));

describe('scanning ${{ }} and $[[ ]]', () => {
  test('every expression with the offsets of its names', () => {
    assert.deepEqual(texts('python t.py --a ${{inputs.a}} --b ${{ parent.jobs.prep.outputs.clean }}'), [
      { at: '${{inputs.a}}', path: 'inputs|a', closed: true, complex: false, optional: undefined, legacy: undefined },
      {
        at: '${{ parent.jobs.prep.outputs.clean }}',
        path: 'parent|jobs|prep|outputs|clean',
        closed: true,
        complex: false,
        optional: undefined,
        legacy: undefined,
      },
    ]);
  });

  test('an expression inside $[[ ]] belongs to the block', () => {
    const text = 'run $[[--x ${{inputs.x}}]] $[[--y=${{inputs.y}} --z ${{inputs.z}}]] --w ${{inputs.w}}';
    const got = texts(text);
    assert.deepEqual(
      got.map((g) => [g.path, g.optional]),
      [
        ['inputs|x', '$[[--x ${{inputs.x}}]]'],
        ['inputs|y', '$[[--y=${{inputs.y}} --z ${{inputs.z}}]]'],
        ['inputs|z', '$[[--y=${{inputs.y}} --z ${{inputs.z}}]]'],
        ['inputs|w', undefined],
      ],
    );
    assert.equal(scanExpressions(text).blocks.length, 2);
  });

  test('the legacy [ ] block is recognised as the SDK does, and marked legacy', () => {
    const got = texts('run [--x ${{inputs.x}}] [a, ${{inputs.y}}] ${{inputs.z}}]');
    assert.deepEqual(
      got.map((g) => [g.path, g.optional, g.legacy]),
      [
        ['inputs|x', '[--x ${{inputs.x}}]', true],
        ['inputs|y', undefined, undefined], // a comma is not among the SDK's characters
        ['inputs|z', undefined, undefined],
      ],
    );
  });

  test('unclosed expressions end at the line end; a new one stops the open one', () => {
    const text = 'a ${{inputs.x\nb ${{inputs.y ${{inputs.z}}';
    const got = texts(text);
    assert.deepEqual(
      got.map((g) => [g.at, g.closed]),
      [
        ['${{inputs.x', false],
        ['${{inputs.y ', false],
        ['${{inputs.z}}', true],
      ],
    );
  });

  test('an expression closed on the next line (folded scalars) is read whole', () => {
    const got = texts('--x ${{ inputs.x\n  }} --y');
    assert.deepEqual(
      got.map((g) => [g.path, g.closed]),
      [['inputs|x', true]],
    );
  });

  test('bodies that are not dotted names are complex; a trailing dot leaves an empty name', () => {
    assert.deepEqual(
      texts('${{inputs.a + 1}} ${{ }} ${{parent.inputs.}}').map((g) => [g.complex, g.path]),
      [
        [true, ''],
        [false, ''],
        [false, 'parent|inputs|'],
      ],
    );
  });

  test('$[[ without ]] is an open block to the end of the text', () => {
    const r = scanExpressions('x $[[--a ${{inputs.a}}');
    assert.equal(r.blocks.length, 1);
    assert.equal(r.blocks[0].terminated, false);
    assert.equal(r.expressions[0].optional, r.blocks[0]);
  });

  test('scans only the given range and stays linear on hostile input', () => {
    const text = '${{inputs.a}} ' + '${{'.repeat(50_000) + ' ${{inputs.b}}';
    const r = scanExpressions(text, 14);
    assert.ok(r.expressions.length <= 2000);
    assert.ok(!r.expressions.some((e) => e.start < 14));
  });
});

describe('scanning ${inputs.x} and {inputs.x} (no double braces)', () => {
  const refs = (text: string, from?: number, to?: number) =>
    scanSingleBraces(text, from, to).map((r) => [text.slice(r.start, r.end), r.path, r.dollar]);

  test('both forms, with the binding path inside', () => {
    assert.deepEqual(refs('python t.py --a ${inputs.a} --b {outputs.model_dir} --c ${parent.jobs.prep.outputs.clean}'), [
      ['${inputs.a}', 'inputs.a', true],
      ['{outputs.model_dir}', 'outputs.model_dir', false],
      ['${parent.jobs.prep.outputs.clean}', 'parent.jobs.prep.outputs.clean', true],
    ]);
  });

  test('not inside ${{ }}, not other roots, not an incomplete path, not unclosed', () => {
    assert.deepEqual(refs('${{inputs.a}} ${{ inputs.b }} ${HOME} {x.y} ${input.a} ${inputs} ${inputs.} {inputs.a ${inputs.a}}'), []);
  });

  test('scans only the given range and stays linear on hostile input', () => {
    const text = '{inputs.a} ' + '{inputs.'.repeat(50_000) + ' {inputs.b}';
    const all = scanSingleBraces(text, 11);
    assert.deepEqual(
      all.map((r) => text.slice(r.start, r.end)),
      ['{inputs.b}'],
    );
    assert.deepEqual(refs('{inputs.a} {inputs.b}', 0, 9), []);
  });
});
