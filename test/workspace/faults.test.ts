import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { NodeFileSystem } from '../../server/src/node/fileSystem';
import { readRegularFile, readRegularFileSync } from '../../server/src/node/safeRead';
import { MemoryFileSystem, type FileSystem } from '../../server/src/workspace/fs';
import { fileUri } from '../../server/src/workspace/uri';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { schemaLine } from '../helpers';
import { scratchTrees } from '../scratch';

/**
 * The file system as it is: FIFOs, devices, links that leave the workspace,
 * files that grow, folders deleted with their files, floods of events. These
 * would block a synchronous read forever or scan the whole index per event;
 * the tests assert what is read and what the index holds, never times.
 */

const { tree } = scratchTrees('aml-yaml-faults-');
const cluster = (name: string) => `${schemaLine('amlCompute')}\nname: ${name}\ntype: amlcompute\n`;
const ws = (name: string) => `${schemaLine('workspace')}\nname: ${name}\nlocation: eastus\n`;

describe('safe reads: regular files inside the roots only', () => {
  const outside = tree({ 'secret.yml': ws('outside') });
  const dir = tree({ 'a.yml': cluster('a'), 'big.yml': 'x'.repeat(5000) });
  execFileSync('mkfifo', [path.join(dir, 'fifo.yml')]);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yml'));
  fs.symlinkSync('/proc/self/fd/0', path.join(dir, 'stdin.yml'));
  fs.symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, 'out.yml'));
  fs.symlinkSync(path.join(dir, 'a.yml'), path.join(dir, 'in.yml'));
  fs.symlinkSync(path.join(dir, 'nowhere.yml'), path.join(dir, 'dangling.yml'));
  fs.mkdirSync(path.join(dir, 'folder.yml'));
  const roots = [dir];

  test('synchronous (worker threads)', () => {
    const read = (name: string, maxBytes?: number) => readRegularFileSync(path.join(dir, name), { roots, maxBytes });
    assert.deepEqual(read('a.yml'), { text: cluster('a') });
    assert.deepEqual(read('in.yml'), { text: cluster('a') }, 'a link inside the roots is followed');
    assert.deepEqual(read('fifo.yml'), { skipped: 'not-regular' });
    assert.deepEqual(read('zero.yml'), { skipped: 'outside' });
    assert.deepEqual(
      readRegularFileSync(path.join(dir, 'zero.yml')),
      { skipped: 'not-regular' },
      'without roots a device is still refused',
    );
    assert.deepEqual(read('stdin.yml'), { skipped: 'outside' });
    assert.deepEqual(read('out.yml'), { skipped: 'outside' });
    assert.deepEqual(read('dangling.yml'), { skipped: 'missing' });
    assert.deepEqual(read('folder.yml'), { skipped: 'not-regular' });
    assert.deepEqual(read('big.yml', 4999), { skipped: 'too-large' });
    assert.deepEqual(read('missing.yml'), { skipped: 'missing' });
  });

  test('asynchronous (main thread)', async () => {
    const read = (name: string, maxBytes?: number) => readRegularFile(path.join(dir, name), { roots, maxBytes });
    assert.deepEqual(await read('a.yml'), { text: cluster('a') });
    assert.deepEqual(await read('fifo.yml'), { skipped: 'not-regular' });
    assert.deepEqual(await readRegularFile(path.join(dir, 'zero.yml')), { skipped: 'not-regular' });
    assert.deepEqual(await read('out.yml'), { skipped: 'outside' });
    assert.deepEqual(await read('big.yml', 10), { skipped: 'too-large' });
  });

  test('the index walks past them: only the regular files inside the workspace are indexed', async () => {
    const index = new WorkspaceIndex({ fs: new NodeFileSystem() });
    assert.equal(await index.index([fileUri(dir)]), true);
    assert.deepEqual(
      index
        .specs()
        .map((s) => `${path.basename(s.uri)}:${s.name}`)
        .sort(),
      ['a.yml:a', 'in.yml:a'],
    );
    // Events on them neither block nor index them.
    await index.applyEvents(
      ['fifo.yml', 'zero.yml', 'stdin.yml', 'out.yml'].map((n) => ({ uri: fileUri(path.join(dir, n)), type: 'changed' as const })),
    );
    assert.deepEqual(
      index
        .specs()
        .map((s) => s.name)
        .sort(),
      ['a', 'a'],
    );
  });
});

/** A file system that counts what the index asks of it. */
class Counting implements FileSystem {
  calls = 0;
  constructor(private readonly inner: MemoryFileSystem) {}
  readDirectory(uri: string) {
    this.calls++;
    return this.inner.readDirectory(uri);
  }
  readFile(uri: string, o?: { maxBytes?: number }) {
    this.calls++;
    return this.inner.readFile(uri, o);
  }
  stat(uri: string) {
    this.calls++;
    return this.inner.stat(uri);
  }
  probe(uri: string) {
    this.calls++;
    return this.inner.probe(uri);
  }
}

describe('file events: applied in proportion to the events', () => {
  const R = 'file:///repo';
  async function big(): Promise<{ mem: MemoryFileSystem; fs: Counting; index: WorkspaceIndex }> {
    const files: Record<string, string> = { [`${R}/infra/workspace.yml`]: ws('w') };
    for (let i = 0; i < 1200; i++) files[`${R}/p${i % 30}/c${i}.yml`] = cluster(`c${i}`);
    for (let i = 0; i < 300; i++) files[`${R}/p${i % 30}/src/s${i}.py`] = 'print(1)\n';
    const mem = new MemoryFileSystem(files);
    const counting = new Counting(mem);
    const index = new WorkspaceIndex({ fs: counting });
    await index.index([R]);
    return { mem, fs: counting, index };
  }

  test('a deleted folder takes exactly its files along, without reading the disk', async () => {
    const { mem, fs: counting, index } = await big();
    assert.equal(index.specs(['amlCompute']).length, 1200);
    mem.delete(`${R}/p7`);
    counting.calls = 0;
    const changes = await index.applyEvents([{ uri: `${R}/p7`, type: 'deleted' }]);
    assert.equal(counting.calls, 0);
    assert.equal(changes.filter((c) => c.before && !c.after).length, 40);
    assert.equal(index.specs(['amlCompute']).length, 1160);
    assert.equal(index.stat(`${R}/p7/src/s7.py`), 'missing');
    assert.equal(index.stat(`${R}/p8/src/s8.py`), 'file');
  });

  test('a flood of events costs one probe per event that is not a deletion, and lands', async () => {
    const { mem, fs: counting, index } = await big();
    const events: Array<{ uri: string; type: 'created' | 'changed' | 'deleted' }> = [];
    for (let i = 0; i < 1200; i += 2) {
      mem.delete(`${R}/p${i % 30}/c${i}.yml`);
      events.push({ uri: `${R}/p${i % 30}/c${i}.yml`, type: 'deleted' });
    }
    for (let i = 0; i < 2000; i++) events.push({ uri: `${R}/gone/x${i}.yml`, type: 'deleted' });
    for (let i = 0; i < 500; i++) {
      mem.set(`${R}/new/n${i}.yml`, cluster(`n${i}`));
      events.push({ uri: `${R}/new/n${i}.yml`, type: 'created' });
    }
    // The same file many times counts once.
    for (let i = 0; i < 1000; i++) events.push({ uri: `${R}/p1/c1.yml`, type: 'changed' });
    counting.calls = 0;
    await index.applyEvents(events);
    assert.equal(index.specs(['amlCompute']).length, 600 + 500);
    assert.ok(counting.calls <= 2 * 501, `${counting.calls} file system calls for 501 created or changed paths`);
    assert.equal(index.stat(`${R}/new/n3.yml`), 'file');
  });

  test('created + deleted in one batch is a deletion; deleted + created reads the file again', async () => {
    const { mem, index } = await big();
    mem.set(`${R}/tmp/t.yml`, cluster('t'));
    mem.delete(`${R}/tmp/t.yml`);
    await index.applyEvents([
      { uri: `${R}/tmp/t.yml`, type: 'created' },
      { uri: `${R}/tmp/t.yml`, type: 'deleted' },
    ]);
    assert.equal(index.byName(['amlCompute'], 't').length, 0);
    mem.set(`${R}/p2/c2.yml`, cluster('c2-renamed'));
    await index.applyEvents([
      { uri: `${R}/p2/c2.yml`, type: 'deleted' },
      { uri: `${R}/p2/c2.yml`, type: 'created' },
    ]);
    assert.equal(index.byName(['amlCompute'], 'c2-renamed').length, 1);
  });
});

/**
 * A file system whose reads of one file can be held: each read takes the
 * text on disk when it starts and hands it over when the test releases it,
 * so reads can finish in any order.
 */
class Held implements FileSystem {
  hold: string | undefined;
  readonly waiting: Array<() => void> = [];
  constructor(private readonly inner: MemoryFileSystem) {}
  readDirectory(uri: string) {
    return this.inner.readDirectory(uri);
  }
  async readFile(uri: string, o?: { maxBytes?: number }) {
    const text = await this.inner.readFile(uri, o);
    if (uri !== this.hold) return text;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return text;
  }
  stat(uri: string) {
    return this.inner.stat(uri);
  }
  probe(uri: string) {
    return this.inner.probe(uri);
  }
}

describe('reads of one file finishing out of order: the latest started wins', () => {
  const R = 'file:///repo';
  const F = `${R}/compute/c.yml`;
  const settle = () => new Promise((r) => setImmediate(r));
  async function setup() {
    const mem = new MemoryFileSystem({ [`${R}/infra/workspace.yml`]: ws('w'), [F]: cluster('v1') });
    const held = new Held(mem);
    const index = new WorkspaceIndex({ fs: held });
    await index.index([R]);
    return { mem, held, index };
  }
  const names = (index: WorkspaceIndex) => index.specs(['amlCompute']).map((s) => s.name);
  /** Reads the index still counts as in flight: none once everything settled (no ticket left behind). */
  const inFlight = (index: WorkspaceIndex) => (index as unknown as { reads: Map<string, number> }).reads.size;

  test('a document closed while the disk still has the old text, then a watcher event for the new text: the close read finishing last does not win', async () => {
    const { mem, held, index } = await setup();
    index.setOpenDocument(F, cluster('edited'), 1);
    held.hold = F;
    const closing = index.closeDocument(F); // reads v1, held
    await settle();
    assert.equal(held.waiting.length, 1);
    mem.set(F, cluster('v2')); // the editor saved; the watcher reports it
    held.hold = undefined;
    await index.applyEvents([{ uri: F, type: 'changed' }]);
    assert.deepEqual(names(index), ['v2']);
    held.waiting.shift()!(); // the older read finishes now
    await closing;
    assert.deepEqual(names(index), ['v2'], 'the older read of v1 must not replace v2');
  });

  test('an older event read finishing after a newer one is dropped, in either order of events', async () => {
    const { mem, held, index } = await setup();
    held.hold = F;
    mem.set(F, cluster('v2'));
    const first = index.applyEvents([{ uri: F, type: 'changed' }]);
    await settle();
    mem.set(F, cluster('v3'));
    const second = index.applyEvents([{ uri: F, type: 'changed' }]);
    await settle();
    assert.equal(held.waiting.length, 2);
    held.waiting[1](); // v3 first
    await second;
    assert.deepEqual(names(index), ['v3']);
    held.waiting[0](); // then the stale v2
    await first;
    assert.deepEqual(names(index), ['v3']);
    assert.equal(inFlight(index), 0);
  });

  test('a walk superseded while one of its reads is in flight: the newer walk wins and no read is left counted', async () => {
    const { mem, held, index } = await setup();
    held.hold = F;
    const older = index.index([R]);
    await settle();
    mem.set(F, cluster('v2'));
    const newer = index.index([R]);
    await settle();
    assert.equal(held.waiting.length, 2);
    held.waiting[1]();
    held.waiting[0]();
    assert.equal(await older, false);
    assert.equal(await newer, true);
    assert.deepEqual(names(index), ['v2']);
    assert.equal(index.specs(['workspace']).length, 1);
    assert.equal(inFlight(index), 0);
  });

  test('a walk cancelled while one of its reads is in flight leaves no read counted', async () => {
    const { held, index } = await setup();
    held.hold = F;
    let cancel = false;
    const run = index.index([R], undefined, () => cancel);
    await settle();
    assert.equal(held.waiting.length, 1);
    cancel = true;
    held.waiting[0]();
    assert.equal(await run, false);
    assert.equal(inFlight(index), 0, 'the files of the batch that were never read must not stay counted as in flight');
  });

  test('a read in flight when its file is deleted (or its folder) does not bring it back', async () => {
    const { mem, held, index } = await setup();
    held.hold = F;
    const reading = index.applyEvents([{ uri: F, type: 'changed' }]);
    await settle();
    mem.delete(`${R}/compute`);
    await index.applyEvents([{ uri: `${R}/compute`, type: 'deleted' }]);
    assert.deepEqual(names(index), []);
    held.waiting.shift()!();
    await reading;
    assert.deepEqual(names(index), [], 'the deleted file came back from a read that started before its deletion');
    assert.equal(inFlight(index), 0);
  });

  test('a read in flight when the document is opened does not replace the open text, and the text on disk counts again after close', async () => {
    const { mem, held, index } = await setup();
    held.hold = F;
    const reading = index.applyEvents([{ uri: F, type: 'changed' }]);
    await settle();
    index.setOpenDocument(F, cluster('open'), 1);
    held.waiting.shift()!();
    await reading;
    assert.deepEqual(names(index), ['open']);
    held.hold = undefined;
    mem.set(F, cluster('saved'));
    await index.closeDocument(F);
    assert.deepEqual(names(index), ['saved']);
  });
});
