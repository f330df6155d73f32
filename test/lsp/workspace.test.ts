import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUri } from '../../server/src/workspace/uri';
import { schemaLine } from '../helpers';
import { lineOf, positionOf, rangeOf } from '../markers';
import { WORKSPACES } from '../workspace/harness';
import { LspClient } from './client';

const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
};

/** Starts a server on a folder; resolves once its indexing progress has ended. */
async function start(root: string): Promise<{ client: LspClient; progress: any[]; registrations: any[] }> {
  const client = new LspClient();
  const progress: any[] = [];
  const registrations: any[] = [];
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  client.conn.onRequest('window/workDoneProgress/create', () => null);
  client.conn.onRequest('client/registerCapability', (p: any) => {
    registrations.push(...p.registrations);
    return null;
  });
  client.conn.onNotification('$/progress', (p: any) => {
    progress.push(p.value);
    if (p.value?.kind === 'end') ended();
  });
  const init = await client.initialize(fileUri(root), CAPABILITIES);
  assert.equal(init.capabilities.definitionProvider, true);
  assert.equal(init.capabilities.referencesProvider, true);
  assert.equal(init.capabilities.workspaceSymbolProvider, true);
  await done;
  return { client, progress, registrations };
}

const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

describe('LSP: workspace index, navigation and cross-file diagnostics', () => {
  const root = path.join(WORKSPACES, 'refs');
  const uri = (rel: string) => fileUri(path.join(root, rel));
  let client: LspClient;
  let progress: any[];
  let registrations: any[];
  before(async () => {
    ({ client, progress, registrations } = await start(root));
  });
  after(async () => {
    await client.shutdown();
  });

  test('indexing reports work-done progress and watches YAML files', () => {
    assert.equal(progress[0].kind, 'begin');
    assert.match(progress[0].title, /indexing/i);
    assert.equal(progress[progress.length - 1].kind, 'end');
    assert.ok(registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  test('textDocument/definition: from a reference to the spec', async () => {
    const doc = uri('jobs/command.yml');
    client.open(doc, read(root, 'jobs/command.yml'));
    const position = positionOf(read(root, 'jobs/command.yml'), 'compute: azureml:cpu-«»cluster');
    const result: any[] = await client.request('textDocument/definition', { textDocument: { uri: doc }, position });
    assert.deepEqual(result, [
      { uri: uri('compute/cpu-cluster.yml'), range: rangeOf(read(root, 'compute/cpu-cluster.yml'), 'name: «cpu-cluster»') },
    ]);
  });

  test('textDocument/references: from a spec name to every use', async () => {
    const doc = uri('compute/cpu-cluster.yml');
    client.open(doc, read(root, 'compute/cpu-cluster.yml'));
    const position = positionOf(read(root, 'compute/cpu-cluster.yml'), 'name: cp«»u-cluster');
    const result: any[] = await client.request('textDocument/references', {
      textDocument: { uri: doc },
      position,
      context: { includeDeclaration: true },
    });
    const got = result.map((l) => `${path.relative(root, new URL(l.uri).pathname)}:${l.range.start.line + 1}`).sort();
    const at = (file: string, snippet: string) => `${file}:${lineOf(read(root, file), snippet) + 1}`;
    const want = [
      at('compute/cpu-cluster.yml', 'name: cpu-cluster'),
      at('endpoints/batch.yml', 'compute: azureml:cpu-cluster'),
      at('jobs/command.yml', 'compute: azureml:cpu-cluster'),
      at('jobs/pipeline.yml', '    compute: cpu-cluster'),
      at('jobs/pipeline.yml', 'default_compute: azureml:cpu-cluster'),
      at('workspace.yml', 'image_build_compute: cpu-cluster'),
    ];
    assert.deepEqual(got, want.sort());
  });

  test('workspace/symbol: every named spec matching the query', async () => {
    const result: any[] = await client.request('workspace/symbol', { query: 'train' });
    assert.deepEqual(result.map((s) => s.name).sort(), ['train-env', 'train-iris', 'train_model']);
    const env = result.find((s) => s.name === 'train-env');
    assert.equal(env.location.uri, uri('environments/train-env.yml'));
    assert.equal(env.containerName, 'Environment 3');
  });

  test('hover on a reference summarises the target', async () => {
    const doc = uri('jobs/command.yml');
    const position = positionOf(read(root, 'jobs/command.yml'), 'environment: azureml:train«»-env');
    const result: any = await client.request('textDocument/hover', { textDocument: { uri: doc }, position });
    assert.match(result.contents.value, /\*\*train-env\*\* · Environment/);
  });

  test('unresolved references are hints and missing files warnings, once indexed', async () => {
    const doc = uri('jobs/unresolved.yml');
    const wait = client.waitForDiagnostics(doc, (d) => d.some((x) => x.code === 'unresolved-reference'));
    client.open(doc, read(root, 'jobs/unresolved.yml'));
    const diags = await wait;
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity]),
      [
        ['missing-file', 2],
        ['unresolved-reference', 4],
        ['unresolved-reference', 4],
        ['unresolved-reference', 4],
      ],
    );
  });
});

describe('LSP: dependents are republished when a related spec changes', () => {
  let dir: string;
  let client: LspClient;
  const ws = (access: string) => `${schemaLine('workspace')}\nname: w\nlocation: eastus\npublic_network_access: ${access}\n`;
  const far = `${schemaLine('amlCompute')}\nname: far\ntype: amlcompute\nlocation: westus2\n`;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-ws-'));
    fs.mkdirSync(path.join(dir, 'compute'));
    fs.writeFileSync(path.join(dir, 'workspace.yml'), ws('Disabled'));
    fs.writeFileSync(path.join(dir, 'compute', 'far.yml'), far);
    ({ client } = await start(dir));
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const has = (d: any[]) => d.some((x) => x.code === 'compute-region-mismatch');

  test('an unsaved edit of the open workspace spec republishes the compute', async () => {
    const compute = fileUri(path.join(dir, 'compute', 'far.yml'));
    const workspace = fileUri(path.join(dir, 'workspace.yml'));
    let wait = client.waitForDiagnostics(compute, has);
    client.open(compute, far);
    await wait;
    client.open(workspace, ws('Disabled'));
    wait = client.waitForDiagnostics(compute, (d) => !has(d));
    client.change(workspace, ws('Enabled'), 2);
    await wait;
    wait = client.waitForDiagnostics(compute, has);
    client.change(workspace, ws('Disabled'), 3);
    await wait;
  });

  test('closing the edited spec reads the disk again; a change on disk (file watcher event) republishes the compute', async () => {
    const compute = fileUri(path.join(dir, 'compute', 'far.yml'));
    const workspace = fileUri(path.join(dir, 'workspace.yml'));
    // The open text says Disabled, the disk now Enabled: closing the editor makes the disk's version count.
    fs.writeFileSync(path.join(dir, 'workspace.yml'), ws('Enabled'));
    let wait = client.waitForDiagnostics(compute, (d) => !has(d));
    void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: workspace } });
    await wait;
    // No document open any more: only the watcher event tells the server of this change.
    wait = client.waitForDiagnostics(compute, has);
    fs.writeFileSync(path.join(dir, 'workspace.yml'), ws('Disabled'));
    void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace, type: 2 }] });
    await wait;
  });
});
