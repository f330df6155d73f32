import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileUri } from '../../server/src/workspace/uri';
import { expectedFindings, findings, LAYOUTS, layoutFiles, layoutRoot } from '../workspace/layouts';
import { startServer, type LspClient } from './client';

const startOn = (folders: string[]) => startServer(folders);

/** Opens every YAML file of a layout and returns the diagnostics of each (relative path -> list), configuration files included. */
async function diagnose(client: LspClient, root: string, files: string[]): Promise<Array<[string, any[]]>> {
  const out: Array<[string, any[]]> = [];
  for (const rel of files) {
    const uri = fileUri(path.join(root, rel));
    const wait = client.waitForDiagnostics(uri, () => true, 20_000);
    client.open(uri, fs.readFileSync(path.join(root, rel), 'utf8'));
    out.push([rel, await wait]);
  }
  // Configuration files are never opened: the server publishes their problems after indexing.
  for (const [uri, diagnostics] of client.diagnostics) {
    if (!uri.endsWith('/.aml-yaml.json') || !uri.startsWith(fileUri(root) + '/')) continue;
    out.push([uri.slice(fileUri(root).length + 1), diagnostics]);
  }
  return out;
}

describe('LSP: cross-file rules over repository layouts (same table as the service and the CLI)', () => {
  const clients: LspClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
  });

  for (const name of Object.keys(LAYOUTS)) {
    test(name, async () => {
      const client = await startOn([layoutRoot(name)]);
      clients.push(client);
      const got = findings(await diagnose(client, layoutRoot(name), layoutFiles(name)));
      assert.deepEqual(got, expectedFindings(name));
      // The status bar's kind notice says which workspace and why.
      const kinds = [...client.kinds.values()];
      assert.ok(kinds.length >= layoutFiles(name).length);
      for (const k of kinds)
        assert.ok(k.workspace && typeof k.workspace.reason === 'string' && k.workspace.reason.length > 10, JSON.stringify(k));
      await client.shutdown();
    });
  }

  test('multi-root: each workspace folder is its own repository (one workspace spec each)', async () => {
    const client = await startOn([layoutRoot('sibling-infra'), layoutRoot('monorepo')]);
    clients.push(client);
    for (const name of ['sibling-infra', 'monorepo']) {
      const got = findings(await diagnose(client, layoutRoot(name), layoutFiles(name)));
      assert.deepEqual(got, expectedFindings(name), name);
    }
    const job = fileUri(path.join(layoutRoot('sibling-infra'), 'jobs/train.yml'));
    assert.deepEqual(client.kinds.get(job)?.workspace, {
      name: 'mlw-secure',
      path: '../infra/workspace.yml',
      how: 'tree',
      reason: '../infra/workspace.yml is the only workspace spec under ../, the nearest folder above this file that holds one.',
    });
    const shared = fileUri(path.join(layoutRoot('monorepo'), 'shared/endpoints/endpoint.yml'));
    assert.equal(client.kinds.get(shared)?.workspace?.how, 'ambiguous');
    assert.equal(client.kinds.get(shared)?.workspace?.name, null);
  });
});
