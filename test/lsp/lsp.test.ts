import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { schemaLine } from '../helpers';
import { positionOf, rangeOf } from '../markers';
import { LspClient } from './client';

describe('LSP over stdio (node dist/server.js --stdio)', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
  });
  after(async () => {
    await client.shutdown();
  });

  test('initialize declares the features', async () => {
    const result = await client.initialize();
    const caps = result.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix']);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(result.serverInfo.name, 'aml-yaml');
  });

  const uri = 'file:///lsp/workspace.yml';
  const text = `${schemaLine('workspace')}\nname: ws\nlocation: eastus\npublic_network_acess: Disabled\n`;

  test('didOpen publishes schema diagnostics with code, source and range', async () => {
    const wait = client.waitForDiagnostics(uri);
    client.open(uri, text);
    const diags = await wait;
    const unknown = diags.find((d) => d.code === 'unknown-key');
    assert.ok(unknown, JSON.stringify(diags));
    assert.equal(unknown.source, 'aml-yaml');
    assert.deepEqual(unknown.range, rangeOf(text, 'public_network_acess'));
    assert.match(unknown.message, /Did you mean "public_network_access"\?/);
    assert.equal(client.kinds.get(uri)?.kind, 'workspace');
  });

  test('an edit republishes diagnostics for the new version', async () => {
    const wait = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-key'));
    client.change(uri, text.replace('public_network_acess', 'public_network_access'), 2);
    const diags = await wait;
    assert.ok(!diags.some((d) => d.code === 'unknown-key'));
  });

  test('completion offers keys of the kind, required first', async () => {
    const doc = 'file:///lsp/cluster.yml';
    const cluster = `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\n\n`;
    client.open(doc, cluster);
    const result: any = await client.request('textDocument/completion', {
      textDocument: { uri: doc },
      position: positionOf(cluster, 'amlcompute\n«»\n'),
    });
    const labels = (result.items ?? result).map((i: any) => i.label);
    assert.ok(labels.includes('size'), labels.join(','));
    assert.ok(labels.includes('identity'));
    assert.ok(!labels.includes('name'), 'present keys are not offered again');
  });

  test('hover shows the field documentation and the reference link', async () => {
    const result: any = await client.request('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'pub«»lic_network_acess'),
    });
    assert.match(result.contents.value, /\*\*public_network_access\*\*/);
    assert.match(result.contents.value, /reference-yaml-workspace/);
  });

  test('code actions return the quick fix for a diagnostic', async () => {
    const doc = 'file:///lsp/typo.yml';
    const wait = client.waitForDiagnostics(doc);
    client.open(doc, `${schemaLine('workspace')}\nname: ws\nimage_build_compte: cpu\n`);
    const diags = await wait;
    const d = diags.find((x) => x.code === 'unknown-key');
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: doc },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.equal(actions[0].title, 'Change to "image_build_compute"');
    assert.deepEqual(actions[0].edit.changes[doc], [{ range: d.range, newText: 'image_build_compute' }]);
  });

  test('YAML that is not Azure ML gets no diagnostics', async () => {
    const doc = 'file:///lsp/.github/workflows/ci.yml';
    const wait = client.waitForDiagnostics(doc);
    client.open(doc, 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    assert.deepEqual(await wait, []);
    assert.equal(client.kinds.get(doc)?.kind, null);
  });

  test('requests for unopened documents and bad positions do not crash', async () => {
    const r = await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///nope.yml' },
      position: { line: 99, character: 99 },
    });
    assert.equal(r, null);
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 999, character: 999 } });
    assert.equal(h, null);
  });
});
