import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertWithin, HANG_FLOOR_MS, median, tooSlow } from '../timing';

describe('test/timing.ts: bounds that fail on a hang, not on a busy machine', () => {
  test('median of odd and even samples', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  test('below the hang floor nothing is slow, and a lazy baseline is not even measured', () => {
    let measured = 0;
    assert.equal(
      tooSlow(HANG_FLOOR_MS, () => (measured++, 0.001), 20),
      undefined,
    );
    assert.equal(measured, 0);
  });

  test('beyond the floor: slow only beyond factor × baseline', () => {
    assert.deepEqual(tooSlow(HANG_FLOOR_MS + 1, 1, 20), { baselineMs: 1, limit: HANG_FLOOR_MS });
    assert.equal(
      tooSlow(HANG_FLOOR_MS * 3, () => HANG_FLOOR_MS / 5, 20),
      undefined,
      '3× the floor is within 20× a baseline of a fifth of it',
    );
    assert.deepEqual(
      tooSlow(HANG_FLOOR_MS * 5, () => HANG_FLOOR_MS / 5, 20),
      { baselineMs: HANG_FLOOR_MS / 5, limit: HANG_FLOOR_MS * 4 },
    );
  });

  test('assertWithin names both numbers when it fails', () => {
    assert.throws(
      () => assertWithin('hover', HANG_FLOOR_MS * 2, 10, 20, 'the idle hover'),
      /hover took \d+ ms: more than \d+ ms and more than 20× the idle hover \(10\.0 ms, measured in this run\)/,
    );
    assertWithin('hover', 5, 10, 20);
  });
});
