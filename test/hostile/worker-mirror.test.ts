import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { belongsOffThread } from '../../server/src/node/offThread';
import { startServer, type LspClient } from '../lsp/client';
import { removeTree, tempTree } from '../scratch';
import { schemaLine } from '../helpers';
import { HANG_MS } from '../timing';

/**
 * Documents analysed in the worker (large, or dense enough to be slow to
 * parse) get cross-file rules and navigation from the worker's copy of the
 * workspace index, and it follows changes of the other files.
 */

describe('cross-file analysis of documents in the worker', () => {
  let dir: string;
  let client: LspClient;
  const workspace = (access: string) => `${schemaLine('workspace')}\nname: w\nlocation: eastus\npublic_network_access: ${access}\n`;
  /** A compute spec far from its workspace's region, padded with comments past the main thread's size. */
  const compute = `${schemaLine('amlCompute')}\nname: far\ntype: amlcompute\nlocation: westus2\n${'# padding to make the file large enough for the worker\n'.repeat(1400)}`;
  before(async () => {
    assert.ok(belongsOffThread(compute), 'the compute spec must be analysed in the worker for this test to mean anything');
    dir = tempTree({ 'workspace.yml': workspace('Disabled'), 'compute/far.yml': compute }, 'aml-yaml-mirror-');
    client = await startServer([dir], {
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
    });
  });
  after(async () => {
    await client.shutdown();
    removeTree(dir);
  });

  test('a cross-file rule fires in a worker document, and follows an edit of the workspace spec', async () => {
    const uri = pathToFileURL(path.join(dir, 'compute', 'far.yml')).toString();
    const ws = pathToFileURL(path.join(dir, 'workspace.yml')).toString();
    const has = (d: any[]) => d.some((x) => x.code === 'compute-region-mismatch');
    let wait = client.waitForDiagnostics(uri, has, HANG_MS);
    client.open(uri, compute);
    await wait;
    wait = client.waitForDiagnostics(uri, (d) => !has(d), HANG_MS);
    client.open(ws, workspace('Enabled'));
    await wait;
    // Requests are answered from the worker too.
    const hover: any = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    assert.match(hover?.contents?.value ?? '', /location/);
  });
});
