import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startServer, type LspClient } from '../lsp/client';
import { removeTree, tempTree } from '../scratch';
import { schemaLine } from '../helpers';
import { HANG_MS, within } from '../timing';

/**
 * Event floods: thousands of file-watcher events (YAML files created,
 * changed and deleted, configuration files changed) and settings changes in
 * a row. The server keeps answering, and ends with the right diagnostics.
 * The waits are hang detectors, not performance targets.
 */

describe('event floods', () => {
  let dir: string;
  let client: LspClient;
  const spec = (location: string) => `${schemaLine('amlCompute')}\nname: far\ntype: amlcompute\nlocation: ${location}\n`;
  before(async () => {
    dir = tempTree(
      {
        'workspace.yml': `${schemaLine('workspace')}\nname: w\nlocation: eastus\npublic_network_access: Disabled\n`,
        'compute/far.yml': spec('westus2'),
      },
      'aml-yaml-flood-',
    );
    client = await startServer([dir], {
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
      },
    });
  });
  after(async () => {
    await client.shutdown();
    removeTree(dir);
  });

  test('2,000 watched-file events and 500 settings changes: still answering, diagnostics right at the end', async () => {
    const compute = pathToFileURL(path.join(dir, 'compute', 'far.yml')).toString();
    const has = (d: any[]) => d.some((x) => x.code === 'compute-region-mismatch');
    let wait = client.waitForDiagnostics(compute, has, HANG_MS);
    client.open(compute, spec('westus2'));
    await wait;
    const writes: Array<Promise<void>> = [];
    for (let i = 0; i < 2_000; i++) {
      const k = i % 4;
      const uri =
        k === 3 ? pathToFileURL(path.join(dir, '.aml-yaml.json')).toString() : pathToFileURL(path.join(dir, `gone${i}.yml`)).toString();
      writes.push(
        client.conn.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [{ uri, type: k === 0 ? 1 : k === 1 ? 2 : k === 2 ? 3 : 2 }],
        }),
      );
      if (i % 4 === 0) writes.push(client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { 'aml-yaml': {} } }));
    }
    await Promise.all(writes);
    const h: any = await within(
      client.request('textDocument/hover', { textDocument: { uri: compute }, position: { line: 3, character: 2 } }),
      HANG_MS,
      'timeout',
    );
    assert.notEqual(h, 'timeout', 'the server did not answer after the flood');
    assert.match(h?.contents?.value ?? '', /location/);
    // The cross-file finding is still there once the flood is processed.
    wait = client.waitForDiagnostics(compute, (d) => !has(d), HANG_MS);
    client.change(compute, spec('eastus'), 2);
    await wait;
    assert.equal(client.proc.exitCode, null);
  });
});
