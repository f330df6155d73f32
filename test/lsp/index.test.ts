import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileUri } from '../../server/src/workspace/uri';
import { schemaLine } from '../helpers';
import { layoutRoot } from '../workspace/layouts';
import { startServer, type LspClient } from './client';

/**
 * What the server's workspace index sees and how it stays current: files
 * that are not YAML, `files.exclude`, documents over 200,000 characters, and
 * a repository that is hostile to a reader (FIFOs, links to devices and out
 * of the workspace, event floods, files that kill a parser worker). Every
 * test asserts behaviour: what is published, and that requests are answered.
 */

const tmpDirs: string[] = [];
function repo(files: Record<string, string>, from?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-index-'));
  tmpDirs.push(dir);
  if (from) fs.cpSync(from, dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const clients: LspClient[] = [];
after(async () => {
  for (const c of clients) await c.shutdown();
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

const codes = (d: any[]) => d.map((x) => x.code);
const has = (code: string) => (d: any[]) => codes(d).includes(code);
const lacks = (code: string) => (d: any[]) => !codes(d).includes(code);
const watched = (client: LspClient, changes: Array<{ uri: string; type: 1 | 2 | 3 }>) =>
  client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
const ws = (name: string, extra = '') =>
  `${schemaLine('workspace')}\nname: ${name}\nlocation: eastus\npublic_network_access: Disabled\n${extra}`;
const far = `${schemaLine('amlCompute')}\nname: far\ntype: amlcompute\nlocation: westus2\n`;

async function hoverAnswered(client: LspClient, uri: string): Promise<void> {
  const result: any = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
  assert.ok(result === null || typeof result === 'object');
}

describe('LSP: what the index sees', () => {
  test('files that are not YAML: missing-file follows created and deleted folders and files', async () => {
    const dir = repo({
      'jobs/train.yml': `${schemaLine('commandJob')}\ntype: command\ncommand: python train.py\ncode: ../src\nenvironment: azureml:env:1\ncompute: azureml:c\n`,
      'envs/env.yml': `${schemaLine('environment')}\nname: env\nversion: 1\nimage: python:3.10\nconda_file: conda.yml\n`,
    });
    const client = await startServer([dir]);
    clients.push(client);
    const job = fileUri(path.join(dir, 'jobs/train.yml'));
    const env = fileUri(path.join(dir, 'envs/env.yml'));
    let wait = client.waitForDiagnostics(job, has('missing-file'));
    client.open(job, fs.readFileSync(path.join(dir, 'jobs/train.yml'), 'utf8'));
    await wait;
    wait = client.waitForDiagnostics(env, has('missing-file'));
    client.open(env, fs.readFileSync(path.join(dir, 'envs/env.yml'), 'utf8'));
    await wait;

    // A code folder with a Python file appears (events for the folder and the file).
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'train.py'), 'print(1)\n');
    wait = client.waitForDiagnostics(job, lacks('missing-file'));
    await watched(client, [
      { uri: fileUri(path.join(dir, 'src')), type: 1 },
      { uri: fileUri(path.join(dir, 'src', 'train.py')), type: 1 },
    ]);
    await wait;
    // A conda file (YAML, not a spec) appears.
    fs.writeFileSync(path.join(dir, 'envs', 'conda.yml'), 'name: env\ndependencies: [python=3.10]\n');
    wait = client.waitForDiagnostics(env, lacks('missing-file'));
    await watched(client, [{ uri: fileUri(path.join(dir, 'envs', 'conda.yml')), type: 1 }]);
    await wait;
    // The folder goes (one event for the folder: its files go with it).
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    wait = client.waitForDiagnostics(job, has('missing-file'));
    await watched(client, [{ uri: fileUri(path.join(dir, 'src')), type: 3 }]);
    await wait;
  });

  test('a change of files.exclude re-indexes without a restart', async () => {
    const dir = repo({ 'infra/workspace.yml': ws('live'), 'archive/workspace.yml': ws('old'), 'compute/far.yml': far });
    let exclude: Record<string, boolean> = {};
    const client = await startServer([dir], { configuration: (item) => (item.section === 'files.exclude' ? exclude : {}) });
    clients.push(client);
    const compute = fileUri(path.join(dir, 'compute/far.yml'));
    // Two workspace specs in the repository and nothing chooses: silent.
    let wait = client.waitForDiagnostics(compute);
    client.open(compute, far);
    assert.ok(lacks('compute-region-mismatch')(await wait));
    exclude = { '**/archive': true };
    wait = client.waitForDiagnostics(compute, has('compute-region-mismatch'), 20_000);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await wait;
    exclude = {};
    wait = client.waitForDiagnostics(compute, lacks('compute-region-mismatch'), 20_000);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await wait;
  });

  test('documents over 200,000 characters take part in cross-file rules, as subjects and as targets', async () => {
    const padding = (n: number) => Array.from({ length: n }, (_, i) => `# padding line ${i} ${'x'.repeat(40)}`).join('\n') + '\n';
    const dir = repo({}, layoutRoot('sibling-infra'));
    const wsFile = path.join(dir, 'infra/workspace.yml');
    const bigWorkspace = fs.readFileSync(wsFile, 'utf8') + padding(4500);
    assert.ok(bigWorkspace.length > 200_000);
    fs.writeFileSync(wsFile, bigWorkspace);
    const client = await startServer([dir]);
    clients.push(client);
    // Target: the large workspace spec (never opened) was read and parsed by the index.
    const compute = fileUri(path.join(dir, 'compute/west-instance.yml'));
    let wait = client.waitForDiagnostics(compute);
    client.open(compute, fs.readFileSync(path.join(dir, 'compute/west-instance.yml'), 'utf8'));
    assert.ok(has('compute-region-mismatch')(await wait), 'the compute sees its large workspace spec');
    // Subject: a large job, analysed in the worker thread, still gets the cross-file rule.
    const jobFile = path.join(dir, 'jobs/train.yml');
    const bigJob = fs.readFileSync(jobFile, 'utf8') + padding(4500);
    const job = fileUri(jobFile);
    wait = client.waitForDiagnostics(job);
    client.open(job, bigJob);
    assert.ok(has('job-user-identity-cached-credentials')(await wait), 'a large job gets the cross-file rule');
    assert.equal(client.kinds.get(job)?.workspace?.path, '../infra/workspace.yml');
    // A large endpoint in the worker: a rule that needs the workspace, found in the sibling infra/ (the association of the main thread).
    const endpointFile = path.join(dir, 'endpoints/online-endpoint.yml');
    const endpoint = fileUri(endpointFile);
    wait = client.waitForDiagnostics(endpoint);
    client.open(endpoint, fs.readFileSync(endpointFile, 'utf8') + padding(4500));
    assert.ok(has('online-endpoint-public-on-private-workspace')(await wait), 'a large endpoint gets the rule that needs its workspace');
    // The open large workspace spec wins over the disk: making it public clears the compute's finding.
    const wsUri = fileUri(wsFile);
    wait = client.waitForDiagnostics(wsUri);
    client.open(wsUri, bigWorkspace);
    await wait;
    wait = client.waitForDiagnostics(compute, lacks('compute-region-mismatch'));
    client.change(wsUri, bigWorkspace.replace('public_network_access: Disabled', 'public_network_access: Enabled'), 2);
    await wait;
  });
});

describe('LSP: a repository hostile to its reader', () => {
  test('FIFOs, links to devices and links out of the workspace are not read; indexing ends and requests are answered', async () => {
    const outside = repo({ 'workspace.yml': ws('outside') });
    const dir = repo({ 'compute/far.yml': far, 'jobs/plain.yml': `${schemaLine('commandJob')}\ntype: command\ncommand: echo\n` });
    execFileSync('mkfifo', [path.join(dir, 'jobs', 'fifo.yml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'jobs', 'zero.yml'));
    fs.symlinkSync('/proc/self/fd/0', path.join(dir, 'jobs', 'stdin.yml'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.symlinkSync(path.join(outside, 'workspace.yml'), path.join(dir, 'infra', 'workspace.yml'));
    const client = await startServer([dir]);
    clients.push(client);
    const compute = fileUri(path.join(dir, 'compute/far.yml'));
    const wait = client.waitForDiagnostics(compute);
    client.open(compute, far);
    // The workspace spec behind the link that leaves the workspace is not indexed: the compute has no workspace.
    assert.ok(lacks('compute-region-mismatch')(await wait));
    assert.equal(client.kinds.get(compute)?.workspace?.how, 'none');
    await hoverAnswered(client, compute);
    // Events on them are applied without blocking either.
    await watched(client, [
      { uri: fileUri(path.join(dir, 'jobs', 'fifo.yml')), type: 2 },
      { uri: fileUri(path.join(dir, 'jobs', 'zero.yml')), type: 2 },
      { uri: fileUri(path.join(dir, 'jobs', 'stdin.yml')), type: 1 },
    ]);
    await hoverAnswered(client, compute);
    const symbols: any[] = await client.request('workspace/symbol', { query: '' });
    assert.deepEqual(symbols.map((s) => s.name).sort(), ['far']);
  });

  test('a flood of file events is applied, and the next real change still lands', async () => {
    const dir = repo({ 'infra/workspace.yml': ws('w'), 'compute/far.yml': far });
    const client = await startServer([dir]);
    clients.push(client);
    const compute = fileUri(path.join(dir, 'compute/far.yml'));
    let wait = client.waitForDiagnostics(compute, has('compute-region-mismatch'));
    client.open(compute, far);
    await wait;
    const flood: Array<{ uri: string; type: 1 | 2 | 3 }> = [];
    for (let i = 0; i < 5000; i++) flood.push({ uri: fileUri(path.join(dir, `gone/f${i}.yml`)), type: 3 });
    for (let i = 0; i < 5000; i++) flood.push({ uri: fileUri(path.join(dir, `new/f${i}.py`)), type: 1 });
    await watched(client, flood);
    await hoverAnswered(client, compute);
    fs.writeFileSync(path.join(dir, 'infra/workspace.yml'), ws('w').replace('Disabled', 'Enabled'));
    wait = client.waitForDiagnostics(compute, lacks('compute-region-mismatch'));
    await watched(client, [{ uri: fileUri(path.join(dir, 'infra/workspace.yml')), type: 2 }]);
    await wait;
  });

  test('a file that kills its parser worker gets a diagnostic; the rest of the repository is indexed', async () => {
    const lines = [schemaLine('amlCompute'), 'name: huge', 'type: amlcompute', 'tags:'];
    for (let i = 0; i < 120_000; i++) lines.push(`  key${i}: value number ${i}`);
    const dir = repo({ 'infra/workspace.yml': ws('w'), 'compute/far.yml': far, 'compute/huge.yml': lines.join('\n') + '\n' });
    // A small heap per indexing worker: the 3.7 MB file cannot be parsed in it; every other file can.
    const client = await startServer([dir], { env: { AML_YAML_INDEX_WORKER_HEAP_MB: '16' } });
    clients.push(client);
    const huge = fileUri(path.join(dir, 'compute/huge.yml'));
    const deadline = Date.now() + 20_000;
    while (!client.diagnostics.has(huge) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const published = client.diagnostics.get(huge) ?? [];
    assert.deepEqual(codes(published), ['analysis-stopped']);
    assert.match(published[0].message, /stopped indexing this file: reading and parsing it ran out of memory/);
    const compute = fileUri(path.join(dir, 'compute/far.yml'));
    const wait = client.waitForDiagnostics(compute);
    client.open(compute, far);
    assert.ok(has('compute-region-mismatch')(await wait), 'the other files were indexed');
  });
});
