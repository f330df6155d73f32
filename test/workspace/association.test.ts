import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExplicitWorkspace } from '../../server/src/workspace/association';
import { MemoryFileSystem } from '../../server/src/workspace/fs';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { schemaLine, service } from '../helpers';

const R = 'file:///repo';
const ws = (name: string, extra = '') => `${schemaLine('workspace')}\nname: ${name}\nlocation: eastus\n${extra}`;
const cluster = (name: string, extra = '') => `${schemaLine('amlCompute')}\nname: ${name}\ntype: amlcompute\n${extra}`;

async function repo(files: Record<string, string>, explicit: Record<string, ExplicitWorkspace> = {}): Promise<WorkspaceIndex> {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${R}/${k}`, v])));
  const index = new WorkspaceIndex({
    fs,
    explicitWorkspace: (uri) => Object.entries(explicit).find(([dir]) => uri.startsWith(`${R}/${dir}/`))?.[1],
  });
  await index.index([R]);
  return index;
}

const of = (index: WorkspaceIndex, rel: string) => index.association(`${R}/${rel}`);

describe('association: which workspace spec a file belongs to', () => {
  test('own folder, then the nearest ancestor folder with one', async () => {
    const index = await repo({
      'workspace.yml': ws('root'),
      'team/workspace.yml': ws('team'),
      'team/sub/c.yml': cluster('c'),
      'other/d.yml': cluster('d'),
    });
    assert.equal(of(index, 'team/sub/c.yml').workspace?.name, 'team');
    assert.equal(of(index, 'team/sub/c.yml').how, 'folder');
    assert.equal(of(index, 'other/d.yml').workspace?.name, 'root');
    assert.equal(of(index, 'workspace.yml').workspace?.name, 'root');
  });

  test('the single workspace spec of the repository, in a sibling folder', async () => {
    const index = await repo({ 'infra/workspace.yml': ws('w'), 'compute/c.yml': cluster('c'), 'jobs/deep/er/c.yml': cluster('e') });
    assert.equal(of(index, 'compute/c.yml').workspace?.name, 'w');
    assert.equal(of(index, 'compute/c.yml').how, 'tree');
    assert.equal(
      of(index, 'jobs/deep/er/c.yml').reason,
      '../../../infra/workspace.yml is the only workspace spec under ../../../, the nearest folder above this file that holds one.',
    );
  });

  test('several candidates and nothing chooses: ambiguous, with the candidates', async () => {
    const sameFolder = await repo({
      'two/a.yml': ws('a'),
      'two/b.yml': ws('b'),
      'two/deep/c.yml': cluster('c'),
      'workspace.yml': ws('root'),
    });
    assert.equal(of(sameFolder, 'two/deep/c.yml').how, 'ambiguous', 'two at the nearest level: no choice, though the root has one');
    assert.deepEqual(
      sameFolder
        .workspaceCandidates(`${R}/two/deep/c.yml`)
        .map((s) => s.name)
        .sort(),
      ['a', 'b'],
    );
    const siblings = await repo({
      'infra/dev/workspace.yml': ws('dev'),
      'infra/prod/workspace.yml': ws('prod'),
      'compute/c.yml': cluster('c'),
    });
    const a = of(siblings, 'compute/c.yml');
    assert.equal(a.how, 'ambiguous');
    assert.equal(a.workspace, undefined);
    assert.equal(siblings.workspaceFor(`${R}/compute/c.yml`), undefined);
  });

  test('no workspace spec at all; a file outside the indexed folders', async () => {
    const index = await repo({ 'compute/c.yml': cluster('c') });
    assert.deepEqual([of(index, 'compute/c.yml').how, of(index, 'compute/c.yml').reason], ['none', 'No workspace spec under ../.']);
    assert.equal(index.association('file:///elsewhere/x.yml').how, 'none');
  });

  test('explicit: .aml-yaml.json "workspace" wins over folders; a comment wins over the configuration', async () => {
    const files = {
      'infra/dev/workspace.yml': ws('dev'),
      'infra/prod/workspace.yml': ws('prod'),
      'prod/c.yml': cluster('c'),
      'prod/d.yml': `# aml-yaml-workspace: ../infra/dev/workspace.yml\n${cluster('d')}`,
      'prod/workspace.yml': ws('local'),
    };
    const explicit = {
      prod: { configUri: `${R}/prod/.aml-yaml.json`, path: '../infra/prod/workspace.yml', target: `${R}/infra/prod/workspace.yml` },
    };
    const index = await repo(files, explicit);
    assert.deepEqual([of(index, 'prod/c.yml').workspace?.name, of(index, 'prod/c.yml').how], ['prod', 'config']);
    assert.equal(of(index, 'prod/c.yml').reason, '../infra/prod/workspace.yml is named by "workspace" in .aml-yaml.json.');
    assert.deepEqual([of(index, 'prod/d.yml').workspace?.name, of(index, 'prod/d.yml').how], ['dev', 'comment']);
    assert.deepEqual(of(index, 'prod/d.yml').source?.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 48 } });
  });

  test('explicit paths that are not a workspace spec leave the file without a workspace, and say why', async () => {
    const index = await repo(
      {
        'infra/workspace.yml': ws('w'),
        'a/c.yml': `# aml-yaml-workspace: ../compute/x.yml\n${cluster('c')}`,
        'b/c.yml': `# aml-yaml-workspace: ../nothing.yml\n${cluster('d')}`,
        'c/c.yml': `# aml-yaml-workspace: ../a\n${cluster('e')}`,
        'compute/x.yml': cluster('x'),
        'multi/ws.yml': `${ws('m1')}---\n${ws('m2')}`,
        'd/c.yml': `# aml-yaml-workspace: ../multi/ws.yml\n${cluster('f')}`,
      },
      {},
    );
    assert.match(
      of(index, 'a/c.yml').reason,
      /names \.\.\/compute\/x\.yml, which is a compute cluster spec, not a workspace spec; no workspace applies\./,
    );
    assert.equal(of(index, 'a/c.yml').how, 'invalid');
    assert.equal(of(index, 'a/c.yml').workspace, undefined, 'an explicit choice is never second-guessed by the folders');
    assert.match(of(index, 'b/c.yml').reason, /which does not exist/);
    assert.match(of(index, 'c/c.yml').reason, /which is a folder, not a workspace spec/);
    assert.match(of(index, 'd/c.yml').reason, /which holds 2 workspace specs/);
  });

  test('the comment is read only where it is a comment', async () => {
    const index = await repo({
      'w/a.yml': ws('a'),
      'w/b.yml': ws('b'),
      'text.yml': `${cluster('t')}description: |\n  # aml-yaml-workspace: w/a.yml\n`,
      'inline.yml': `${cluster('i')}location: eastus # aml-yaml-workspace: w/b.yml -- why\n`,
      'quoted.yml': `${cluster('q')}description: "x # aml-yaml-workspace: w/a.yml"\n`,
    });
    assert.equal(of(index, 'text.yml').how, 'ambiguous');
    assert.equal(of(index, 'quoted.yml').how, 'ambiguous');
    assert.deepEqual([of(index, 'inline.yml').how, of(index, 'inline.yml').workspace?.name], ['comment', 'b']);
  });

  test('the comment diagnostic: invalid-workspace-association on the path, once the index is ready', async () => {
    const index = await repo({ 'infra/workspace.yml': ws('w'), 'compute/x.yml': cluster('x') });
    const svc = service();
    svc.setWorkspace(index);
    const text = `# aml-yaml-workspace: ../compute/x.yml\n${cluster('c', 'location: westus2\n')}`;
    const d = svc.diagnostics({ uri: `${R}/jobs/c.yml`, version: 1, text }).filter((x) => x.code === 'invalid-workspace-association');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start, x.range.end, x.message]),
      [
        [
          2,
          { line: 0, character: 22 },
          { line: 0, character: 38 },
          '"../compute/x.yml" is a compute cluster spec, not a workspace spec, so this file belongs to no workspace and the cross-file rules that need one skip it.',
        ],
      ],
    );
    const ok = svc.diagnostics({ uri: `${R}/jobs/d.yml`, version: 1, text: text.replace('../compute/x.yml', '../infra/workspace.yml') });
    assert.deepEqual(
      ok.filter((x) => x.code === 'invalid-workspace-association'),
      [],
    );
    svc.setWorkspace(undefined);
  });

  test('a workspace spec whose facts change keeps its files, with the new facts', async () => {
    const index = await repo({ 'infra/workspace.yml': ws('w', 'public_network_access: Disabled\n'), 'compute/c.yml': cluster('c') });
    assert.equal(index.workspaceFor(`${R}/compute/c.yml`)?.value.public_network_access, 'Disabled');
    index.setOpenDocument(`${R}/infra/workspace.yml`, ws('w', 'public_network_access: Enabled\n'), 2);
    assert.equal(index.workspaceFor(`${R}/compute/c.yml`)?.value.public_network_access, 'Enabled');
    assert.equal(index.association(`${R}/compute/c.yml`).how, 'tree');
  });
});

describe('dependents: which open files to re-analyse after a change', () => {
  test('a workspace spec appearing re-associates files; only those whose workspace changed depend on it', async () => {
    const index = await repo({
      'infra/workspace.yml': ws('w'),
      'compute/c.yml': cluster('c'),
      'team/workspace.yml': ws('team'),
      'team/c.yml': cluster('t'),
    });
    const open = [`${R}/compute/c.yml`, `${R}/team/c.yml`];
    for (const u of open) index.association(u);
    assert.equal(index.association(`${R}/compute/c.yml`).how, 'ambiguous', 'two workspace specs in the repository');
    const changes = index.setOpenDocument(`${R}/team/workspace.yml`, cluster('not-a-workspace-any-more'), 2);
    assert.equal(index.association(`${R}/compute/c.yml`).workspace?.name, 'w');
    assert.deepEqual(index.dependents(changes, open), [`${R}/compute/c.yml`, `${R}/team/c.yml`]);
  });

  test('a change to a spec no open file names or belongs to re-analyses nothing', async () => {
    const index = await repo({
      'infra/workspace.yml': ws('w'),
      'compute/c.yml': cluster('c'),
      'compute/d.yml': cluster('d'),
      'jobs/j.yml': `${schemaLine('commandJob')}\ntype: command\ncommand: echo\ncompute: azureml:c\n`,
    });
    const open = [`${R}/jobs/j.yml`];
    index.association(open[0]);
    assert.deepEqual(index.dependents(index.setOpenDocument(`${R}/compute/d.yml`, cluster('d', 'location: westus2\n'), 2), open), []);
    assert.deepEqual(
      index.dependents(index.setOpenDocument(`${R}/compute/c.yml`, cluster('c', 'location: westus2\n'), 2), open),
      open,
      'the job names c',
    );
    // The workspace spec depends on the computes that belong to it (image-build-compute-unknown).
    assert.deepEqual(index.dependents(index.setOpenDocument(`${R}/compute/d.yml`, cluster('d2'), 3), [`${R}/infra/workspace.yml`]), [
      `${R}/infra/workspace.yml`,
    ]);
  });
});
