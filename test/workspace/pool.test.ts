import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { IndexWorkerPool } from '../../server/src/node/indexPool';
import { unpackFacts } from '../../server/src/workspace/summary';
import { fileUri } from '../../server/src/workspace/uri';
import type { ParseOutcome } from '../../server/src/workspace/workspaceIndex';
import { ROOT, schemaLine } from '../helpers';

/**
 * The indexing worker pool (dist/indexWorker.js; build first): a batch whose
 * worker runs over its budget or out of memory is retried file by file, and
 * the file that stops a worker alone comes back as failed, never as a hang.
 */
const WORKER = path.join(ROOT, 'dist', 'indexWorker.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-pool-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = [schemaLine('amlCompute'), 'name: huge', 'type: amlcompute', 'tags:'];
for (let i = 0; i < 120_000; i++) lines.push(`  key${i}: value number ${i}`);
fs.writeFileSync(path.join(dir, 'huge.yml'), lines.join('\n') + '\n');
for (let i = 0; i < 5; i++)
  fs.writeFileSync(path.join(dir, `small${i}.yml`), `${schemaLine('amlCompute')}\nname: small${i}\ntype: amlcompute\n`);
const uris = ['small0', 'small1', 'huge', 'small2', 'small3', 'small4'].map((n) => fileUri(path.join(dir, `${n}.yml`)));
const options = { maxBytes: 4 * 1024 * 1024, roots: [fileUri(dir)] };
/** Names of the specs a worker read in a file (undefined when it read none). */
const names = (o: ParseOutcome | undefined) => (o?.packed ? unpackFacts(o.uri, o.packed).specs.map((s) => s.name) : undefined);

describe('indexing worker pool', () => {
  test('reads and summarises a batch in a worker', async () => {
    const pool = new IndexWorkerPool(WORKER, { size: 1 });
    const out = await pool.parse(
      uris.filter((u) => !u.endsWith('huge.yml')),
      options,
    );
    pool.dispose();
    assert.deepEqual(out.map(names), [['small0'], ['small1'], ['small2'], ['small3'], ['small4']]);
  });

  test('a worker out of memory: its batch is retried file by file; the file that kills a worker alone fails', async () => {
    const logs: string[] = [];
    const pool = new IndexWorkerPool(WORKER, { size: 2, resourceLimits: { maxOldGenerationSizeMb: 16 }, log: (m) => logs.push(m) });
    const out = await pool.parse(uris, options);
    pool.dispose();
    const byName = new Map(out.map((o) => [path.basename(o.uri), o]));
    assert.equal(byName.size, uris.length);
    assert.equal(byName.get('huge.yml')?.failed, 'reading and parsing it ran out of memory');
    for (let i = 0; i < 5; i++) assert.deepEqual(names(byName.get(`small${i}.yml`)), [`small${i}`]);
    assert.ok(
      logs.some((l) => /memory limit/.test(l)),
      logs.join('\n'),
    );
  });

  test('a worker over its budget is stopped and the file reported; the pool keeps working', async () => {
    const pool = new IndexWorkerPool(WORKER, { size: 1, budgetMs: 300 });
    const [huge] = await pool.parse([uris[2]], options);
    assert.match(huge.failed ?? '', /took longer than 0\.3 s/);
    // A fresh worker takes the next batch (on an idle machine it is read well within the budget; either way it does not hang).
    const [small] = await pool.parse([uris[0]], options);
    pool.dispose();
    assert.ok(names(small) || /took longer/.test(small.failed ?? ''));
  });
});
