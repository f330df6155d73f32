import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemoryFileSystem } from '../../server/src/workspace/fs';
import { dirOf, parentOf, resolveRelative } from '../../server/src/workspace/uri';
import { WorkspaceIndex, type IndexProgress } from '../../server/src/workspace/workspaceIndex';
import { schemaLine } from '../helpers';

const R = 'file:///repo';
const ws = (name: string, extra = '') => `${schemaLine('workspace')}\nname: ${name}\nlocation: eastus\n${extra}`;
const cluster = (name: string, extra = '') => `${schemaLine('amlCompute')}\nname: ${name}\ntype: amlcompute\n${extra}`;

function repo(files: Record<string, string>): { fs: MemoryFileSystem; index: WorkspaceIndex } {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${R}/${k}`, v])));
  return { fs, index: new WorkspaceIndex({ fs }) };
}

describe('workspace index (memory file system)', () => {
  test('skips node_modules, .git, non-YAML and non-Azure-ML files', async () => {
    const { index } = repo({
      'a.yml': cluster('a'),
      'node_modules/x/b.yml': cluster('b'),
      '.git/c.yml': cluster('c'),
      'd.json': '{}',
      'conda.yaml': 'name: env\nchannels: [conda-forge]\ndependencies: [python]\n',
      'sub/e.YAML': cluster('e'),
    });
    assert.equal(await index.index([R]), true);
    assert.deepEqual(
      index
        .specs()
        .map((s) => s.name)
        .sort(),
      ['a', 'e'],
    );
    assert.equal(index.ready, true);
    assert.deepEqual(index.stats(), { files: 2, specs: 2, references: 0 });
  });

  test("YAML under a root's .github folder (workflows, templates) is listed, not parsed", async () => {
    const { index } = repo({
      '.github/workflows/ci.yml': cluster('not-read'),
      'sub/.github/x.yml': cluster('nor-this'),
      'a.yml': cluster('a'),
    });
    await index.index([R]);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['a'],
    );
    assert.equal(index.stat(`${R}/.github/workflows/ci.yml`), 'file');
    // A workspace folder that is itself inside a .github folder is indexed as usual.
    const fs = new MemoryFileSystem({ 'file:///home/.github/repo/b.yml': cluster('b') });
    const inside = new WorkspaceIndex({ fs });
    await inside.index(['file:///home/.github/repo']);
    assert.deepEqual(
      inside.specs().map((s) => s.name),
      ['b'],
    );
  });

  test('configured excludes (files.exclude globs)', async () => {
    const fs = new MemoryFileSystem({
      [`${R}/a.yml`]: cluster('a'),
      [`${R}/build/b.yml`]: cluster('b'),
      [`${R}/x/tmp/c.yml`]: cluster('c'),
    });
    const index = new WorkspaceIndex({ fs, exclude: ['build', '**/tmp'] });
    await index.index([R]);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['a'],
    );
  });

  test('every document of a multi-document file', async () => {
    const { index } = repo({ 'all.yml': `${cluster('one')}---\n${cluster('two')}` });
    await index.index([R]);
    assert.deepEqual(
      index.specs().map((s) => [s.name, s.docIndex]),
      [
        ['one', 0],
        ['two', 1],
      ],
    );
  });

  test('workspaceFor: own folder, nearest ancestor, ambiguity at the nearest level', async () => {
    const { index } = repo({
      'workspace.yml': ws('root'),
      'team/workspace.yml': ws('team'),
      'team/sub/c.yml': cluster('c'),
      'other/c.yml': cluster('d'),
      'two/a.yml': ws('a'),
      'two/b.yml': ws('b'),
      'two/deep/c.yml': cluster('e'),
    });
    await index.index([R]);
    assert.equal(index.workspaceFor(`${R}/team/sub/c.yml`)?.name, 'team');
    assert.equal(index.workspaceFor(`${R}/other/c.yml`)?.name, 'root');
    assert.equal(index.workspaceFor(`${R}/workspace.yml`)?.name, 'root');
    assert.equal(
      index.workspaceFor(`${R}/two/deep/c.yml`),
      undefined,
      'two candidates at the nearest level: no choice, even though the root has one',
    );
    assert.deepEqual(
      index
        .workspaceCandidates(`${R}/two/deep/c.yml`)
        .map((s) => s.name)
        .sort(),
      ['a', 'b'],
    );
    assert.equal(index.workspaceFor('file:///elsewhere/x.yml'), undefined);
  });

  test('an open document wins over the disk until it is closed', async () => {
    const { fs, index } = repo({ 'c.yml': cluster('disk') });
    await index.index([R]);
    index.setOpenDocument(`${R}/c.yml`, cluster('memory'), 2);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['memory'],
    );
    // A change on disk while the document is open does not count.
    fs.set(`${R}/c.yml`, cluster('disk2'));
    assert.deepEqual(await index.fileChanged(`${R}/c.yml`, 'changed'), []);
    await index.index([R]);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['memory'],
      'reindexing keeps open documents',
    );
    await index.closeDocument(`${R}/c.yml`);
    assert.deepEqual(
      index.specs().map((s) => s.name),
      ['disk2'],
    );
  });

  test('file events: created, changed, deleted (a folder takes its files along)', async () => {
    const { fs, index } = repo({ 'a.yml': cluster('a'), 'dir/b.yml': cluster('b') });
    await index.index([R]);
    const seen: string[][] = [];
    // Spec changes (path changes are reported too, for missing-file).
    index.onDidChange((changes) => seen.push(changes.filter((c) => c.before || c.after).map((c) => c.uri)));
    fs.set(`${R}/n.yml`, cluster('n'));
    await index.fileChanged(`${R}/n.yml`, 'created');
    fs.set(`${R}/a.yml`, cluster('a2'));
    await index.fileChanged(`${R}/a.yml`, 'changed');
    fs.delete(`${R}/dir/b.yml`);
    await index.fileChanged(`${R}/dir`, 'deleted');
    assert.deepEqual(
      index
        .specs()
        .map((s) => s.name)
        .sort(),
      ['a2', 'n'],
    );
    assert.deepEqual(seen, [[`${R}/n.yml`], [`${R}/a.yml`], [`${R}/dir/b.yml`]]);
  });

  test('a file outside the roots is indexed while open, forgotten when closed, and never covered', async () => {
    const { index } = repo({ 'a.yml': cluster('a') });
    await index.index([R]);
    index.setOpenDocument('file:///tmp/x.yml', cluster('x'), 1);
    assert.equal(index.byName(['amlCompute'], 'x').length, 1);
    assert.equal(index.covers('file:///tmp/x.yml'), false);
    assert.equal(index.covers(`${R}/a.yml`), true);
    await index.closeDocument('file:///tmp/x.yml');
    assert.equal(index.byName(['amlCompute'], 'x').length, 0);
  });

  test('secrets are not kept; jobs keep only their top-level facts', async () => {
    const { index } = repo({
      'ds.yml': `${schemaLine('azureBlob')}\nname: s\ntype: azure_blob\naccount_name: a\ncontainer_name: c\ncredentials:\n  account_key: c2VjcmV0LXNlY3JldA==\n`,
      'job.yml': `${schemaLine('commandJob')}\ntype: command\ncommand: echo\ncompute: azureml:c\nidentity:\n  type: user_identity\ninputs:\n  a: 1\n`,
    });
    await index.index([R]);
    const ds = index.byName(['azureBlob'], 's')[0];
    assert.deepEqual(ds.value.credentials, { account_key: '<redacted>' });
    assert.ok(!JSON.stringify(index.specs()).includes('c2VjcmV0'));
    const job = index.specs(['commandJob'])[0];
    assert.deepEqual(Object.keys(job.value).sort(), ['compute', 'identity', 'type']);
  });

  test('indexing a large tree yields to the event loop and reports progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++)
      files[`d${i % 20}/c${i}.yml`] = cluster(`c${i}`, 'size: Standard_DS3_v2\nlocation: eastus\nmin_instances: 0\nmax_instances: 4\n');
    const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${R}/${k}`, v])));
    const index = new WorkspaceIndex({ fs, sliceMs: 1 });
    const progress: IndexProgress[] = [];
    // Timers (standing in for requests on open files) run between chunks and see a partial index.
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(index.specs().length), 0);
    const pending = index.index([R], (p) => progress.push(p));
    assert.equal(index.ready, false);
    assert.equal(await pending, true);
    clearInterval(timer);
    assert.equal(index.specs().length, 400);
    assert.ok(
      seen.some((n) => n > 0 && n < 400),
      `no request ran mid-way: ${seen.join(',')}`,
    );
    assert.equal(progress[progress.length - 1].phase, 'done');
    assert.ok(
      progress.some((p) => p.phase === 'parse' && p.done > 0 && p.done < p.total),
      JSON.stringify(progress.slice(0, 5)),
    );
  });

  test('a newer indexing run cancels the older one', async () => {
    const { index } = repo({ 'a.yml': cluster('a') });
    const first = index.index([R]);
    const second = index.index([R]);
    assert.deepEqual(await Promise.all([first, second]), [false, true]);
    assert.equal(index.specs().length, 1);
  });

  test('references: relative files resolve against the file folder; URIs are normalised', async () => {
    assert.equal(resolveRelative('file:///repo/jobs/a.yml', '../src'), 'file:///repo/src');
    assert.equal(resolveRelative('file:///repo/jobs/a.yml', '.\\src\\x.py'), 'file:///repo/jobs/src/x.py');
    assert.equal(dirOf('file:///a.yml'), 'file:///');
    assert.equal(parentOf('file:///'), undefined);
    const { index } = repo({ 'jobs/a b.yml': `${schemaLine('commandJob')}\ntype: command\ncommand: echo\ncode: ../src (1)\n` });
    await index.index([R]);
    const [ref] = [...index.references()];
    assert.equal(ref.target, 'file:///repo/src%20%281%29');
    assert.equal(index.specsIn('file:///repo/jobs/a%20b.yml').length, 1);
  });
});
