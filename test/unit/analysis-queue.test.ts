import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AnalysisQueue, COALESCE_MAX_MS, QUIET_MS } from '../../server/src/node/analysisQueue';

const turn = () => new Promise<void>((r) => setImmediate(r));
/** Long enough for a burst to be over (QUIET_MS without changes). */
const settle = async () => {
  await new Promise((r) => setTimeout(r, QUIET_MS * 3));
  for (let i = 0; i < 3; i++) await turn();
};

/** A document store and a queue whose analyses record the stamp they saw. */
function setup() {
  const stamps = new Map<string, number>();
  const analysed: Array<[string, number]> = [];
  const queue = new AnalysisQueue({ stamp: (uri) => stamps.get(uri), analyse: (uri) => void analysed.push([uri, stamps.get(uri)!]) });
  const edit = (uri: string) => {
    stamps.set(uri, (stamps.get(uri) ?? 0) + 1);
    queue.schedule(uri);
  };
  return { stamps, analysed, queue, edit };
}

describe('analysis queue (server/src/node/analysisQueue.ts)', () => {
  test('a burst of changes, one per turn as the LSP connection delivers them, is analysed once, at its last version', async () => {
    const { analysed, edit } = setup();
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) {
      edit('file:///a.yml');
      await turn();
    }
    const elapsed = performance.now() - t0;
    await settle();
    // Only the latest version, plus at most one intermediate analysis per COALESCE_MAX_MS of a burst that does not pause.
    assert.deepEqual(analysed[analysed.length - 1], ['file:///a.yml', 2_000]);
    assert.ok(analysed.length <= Math.ceil(elapsed / COALESCE_MAX_MS) + 1, `${analysed.length} analyses in ${elapsed.toFixed(0)} ms`);
  });

  test('a single change is analysed within a few turns', async () => {
    const { analysed, edit } = setup();
    edit('file:///b.yml');
    for (let i = 0; i < 3; i++) await turn();
    assert.deepEqual(analysed, [['file:///b.yml', 1]]);
  });

  test('documents are independent; a closed one is not analysed', async () => {
    const { analysed, edit, stamps, queue } = setup();
    edit('file:///c.yml');
    edit('file:///d.yml');
    stamps.delete('file:///d.yml');
    queue.cancel('file:///d.yml');
    for (let i = 0; i < 4; i++) await turn();
    assert.deepEqual(analysed, [['file:///c.yml', 1]]);
  });

  test('a change during a slow analysis is analysed again after it, once', async () => {
    const stamps = new Map<string, number>([['u', 1]]);
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const queue = new AnalysisQueue({
      stamp: (uri) => stamps.get(uri),
      analyse: (uri) => {
        seen.push(stamps.get(uri)!);
        if (seen.length === 1) return new Promise<void>((r) => (release = r));
      },
    });
    queue.schedule('u');
    for (let i = 0; i < 3; i++) await turn();
    for (let v = 2; v <= 50; v++) {
      stamps.set('u', v);
      queue.schedule('u');
    }
    release();
    await settle();
    assert.deepEqual(seen, [1, 50]);
  });

  test('a client that never pauses is still answered (the wait is bounded)', async () => {
    const { analysed, edit } = setup();
    const until = performance.now() + 600;
    while (performance.now() < until) {
      edit('file:///e.yml');
      await turn();
    }
    assert.ok(analysed.length >= 1, 'analysed while the changes kept coming');
  });
});
