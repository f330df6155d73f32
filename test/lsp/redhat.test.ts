// Beside a yaml-language-server, over JSON-RPC: what a client that says
// nothing gets (the bin, Neovim), what `yamlLanguageServer: true` changes, and
// a change of Red Hat YAML's state during a session: diagnostics published
// again and the document-symbol provider registered anew (VS Code then asks
// for the Outline again without an edit).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { schemaLine } from '../helpers';
import { LspClient } from './client';

const TEXT = `${schemaLine('workspace')}\nname: ws\nname: again\nlocation: eastus\n`;
const hasDup = (d: any[]) => d.some((x) => x.code === 'duplicate-key');
const symbols = (c: LspClient, uri: string) => c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });

describe('beside a yaml-language-server (LSP)', () => {
  const clients: LspClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
  });
  const start = async (initializationOptions: object | undefined, capabilities: object = {}, setup?: (c: LspClient) => void) => {
    const c = new LspClient();
    clients.push(c);
    setup?.(c);
    const result: any = await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
    });
    await c.conn.sendNotification('initialized', {});
    return { c, result };
  };

  test('a client that says nothing: aml-yaml reports duplicate keys and gives the outline', async () => {
    const { c, result } = await start(undefined);
    assert.equal(result.capabilities.documentSymbolProvider, true);
    const uri = 'file:///lsp-rh/plain.yml';
    const wait = c.waitForDiagnostics(uri);
    c.open(uri, TEXT);
    assert.ok(hasDup(await wait));
    assert.ok((await symbols(c, uri)).length > 0);
  });

  test('"yamlLanguageServer": true leaves them to yamlls; an explicit setting brings them back', async () => {
    const { c } = await start({ yamlLanguageServer: true });
    const uri = 'file:///lsp-rh/yamlls.yml';
    const wait = c.waitForDiagnostics(uri);
    c.open(uri, TEXT);
    const diags = await wait;
    assert.ok(!hasDup(diags), JSON.stringify(diags));
    assert.deepEqual(await symbols(c, uri), []);

    const { c: c2 } = await start({ yamlLanguageServer: true, settings: { syntaxDiagnostics: 'always', documentSymbols: 'always' } });
    const wait2 = c2.waitForDiagnostics(uri);
    c2.open(uri, TEXT);
    assert.ok(hasDup(await wait2));
    assert.ok((await symbols(c2, uri)).length > 0);
  });

  test('Red Hat YAML installed during the session: diagnostics again, and the symbol provider registered anew', async () => {
    const events: string[] = [];
    const registrations: Array<{ id: string; method: string }> = [];
    const { c, result } = await start(
      { redHatYaml: { installed: false, validates: false }, watchesFiles: true },
      { textDocument: { documentSymbol: { dynamicRegistration: true } } },
      (c) => {
        c.conn.onRequest('client/registerCapability', (p: any) => {
          for (const r of p.registrations)
            if (r.method === 'textDocument/documentSymbol') {
              registrations.push(r);
              events.push('register');
            }
          return null;
        });
        c.conn.onRequest('client/unregisterCapability', (p: any) => {
          for (const r of p.unregisterations)
            if (r.method === 'textDocument/documentSymbol') events.push(`unregister:${registrations.findIndex((x) => x.id === r.id)}`);
          return null;
        });
      },
    );
    // Dynamic registration only: a static provider as well would give VS Code two outlines of ours.
    assert.ok(!result.capabilities.documentSymbolProvider, JSON.stringify(result.capabilities.documentSymbolProvider));
    const uri = 'file:///lsp-rh/session.yml';
    const first = c.waitForDiagnostics(uri);
    c.open(uri, TEXT);
    assert.ok(hasDup(await first));
    assert.ok((await symbols(c, uri)).length > 0);
    assert.deepEqual(events, ['register']);

    const published = c.publications.get(uri)!.count;
    const left = c.waitForDiagnostics(uri, (d) => !hasDup(d));
    await c.conn.sendNotification('aml-yaml/redHatYaml', { installed: true, validates: true, version: '1.25.0' });
    const diags = await left;
    assert.ok(
      diags.some((d) => d.code === 'redhat-schema-unreachable'),
      JSON.stringify(diags),
    );
    assert.ok(c.publications.get(uri)!.count > published, 'published again without an edit');
    await waitFor(() => events.length === 3);
    assert.deepEqual(events, ['register', 'unregister:0', 'register']);
    assert.deepEqual(await symbols(c, uri), [], "Red Hat YAML's outline only");

    const back = c.waitForDiagnostics(uri, hasDup);
    await c.conn.sendNotification('aml-yaml/redHatYaml', { installed: false, validates: false });
    await back;
    await waitFor(() => events.length === 5);
    assert.deepEqual(events.slice(3), ['unregister:1', 'register']);
    assert.ok((await symbols(c, uri)).length > 0);
  });
});

async function waitFor(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
