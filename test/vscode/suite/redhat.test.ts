/**
 * Beside Red Hat YAML, through the real `vscode` API and the real LSP wiring.
 * This server has no Red Hat YAML installed (test/e2e/redhat.mjs runs the
 * workbench with it): first what aml-yaml does alone, then the state the
 * client sends when Red Hat YAML validates, sent by hand, and back.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AmlYamlApi } from '../../../client/src/extension';
import { amlDiagnostics, EXTENSION_ID, waitFor } from './helpers';

const SPEC = '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: contoso\nname: again\nlocation: eastus\n';
const CONFLICT = 'redhat-schema-unreachable';

suite('beside Red Hat YAML', () => {
  let api: AmlYamlApi;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<AmlYamlApi>(EXTENSION_ID)!;
    api = ext.isActive ? ext.exports : await ext.activate();
    doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: SPEC });
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    api.redHat.update(true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('alone: aml-yaml reports duplicate keys itself, explains nothing, provides the outline', async () => {
    assert.deepEqual(api.redHat.state(), { installed: false, validates: false });
    await waitFor('duplicate-key from aml-yaml', () => amlDiagnostics(doc.uri, 'duplicate-key').length === 1);
    assert.equal(amlDiagnostics(doc.uri, CONFLICT).length, 0);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(symbols?.length, 'an outline');
  });

  test('with Red Hat YAML validating: the $schema line is explained, the duplicate key left to it, the outline too', async () => {
    await api.client.sendNotification('aml-yaml/redHatYaml', { installed: true, validates: true, version: '1.25.0' });
    const [d] = await waitFor('the explanation on the $schema value', () => {
      const found = amlDiagnostics(doc.uri, CONFLICT);
      return found.length ? found : undefined;
    });
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.range.start.line, 0);
    assert.equal(amlDiagnostics(doc.uri, 'duplicate-key').length, 0, 'Red Hat YAML reports it');
    // VS Code keeps a document's symbols until its text changes (with Red Hat YAML installed at start,
    // the server knows from initialize on): an edit asks again.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.equal(symbols?.length ?? 0, 0, "one outline: Red Hat YAML's");
  });

  test('the preferred code action adds the modeline, and the explanation goes', async () => {
    const d = amlDiagnostics(doc.uri, CONFLICT)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The API hands back actions without their diagnostics: aml-yaml's for this line are told by their titles.
    const ours = actions.filter((a) => /Red Hat YAML|yaml-language-server: \$schema=none/.test(a.title));
    assert.deepEqual(
      ours.map((a) => a.command?.command ?? 'edit'),
      [
        'edit',
        'aml-yaml.resolveSchemaConflicts',
        'aml-yaml.resolveSchemaConflicts',
        'aml-yaml.resolveSchemaConflicts',
        'aml-yaml.turnOffRedHatValidation',
        'aml-yaml.showRuleDocs',
      ],
    );
    const preferred = ours.find((a) => a.isPreferred);
    assert.ok(preferred?.edit);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.ok(doc.getText().startsWith('# yaml-language-server: $schema=none\n$schema: '), doc.getText());
    await waitFor('the explanation to go', () => amlDiagnostics(doc.uri, CONFLICT).length === 0);
  });

  test("the explanation's page opens", async () => {
    const page = await vscode.commands.executeCommand<vscode.Uri | undefined>('aml-yaml.showRuleDocs', CONFLICT);
    assert.ok(page?.path.endsWith(`/docs/rules/${CONFLICT}.md`), String(page));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(doc);
  });

  test('the real state again: aml-yaml reports the duplicate key', async () => {
    api.redHat.update(true);
    await waitFor('duplicate-key from aml-yaml again', () => amlDiagnostics(doc.uri, 'duplicate-key').length === 1);
  });

  // aml-yaml's outline starts with the spec: its name (the last `name:`, as PyYAML reads it) and its kind; Red Hat YAML's with the first key.
  const ourOutline = async () =>
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri))?.some(
      (s) => s.name === 'again' && s.detail === 'Workspace',
    ) ?? false;

  test('the outline follows too, without an edit (VS Code keeps symbols per text version unless a provider comes or goes)', async () => {
    const version = doc.version;
    await waitFor("aml-yaml's outline back", ourOutline);
    assert.equal(doc.version, version, 'no edit');
    await api.client.sendNotification('aml-yaml/redHatYaml', { installed: true, validates: true, version: '1.25.0' });
    await waitFor("aml-yaml's outline gone", async () => !(await ourOutline()));
    api.redHat.update(true);
    await waitFor("aml-yaml's outline back again", ourOutline);
    assert.equal(doc.version, version, 'no edit');
  });

  // Last: it leaves Red Hat YAML installed in this server.
  test('Red Hat YAML installed during the session: noticed, with no edit and no restart', async () => {
    assert.equal(api.redHat.state().installed, false);
    await waitFor('duplicate-key from aml-yaml', () => amlDiagnostics(doc.uri, 'duplicate-key').length === 1);
    const version = doc.version;
    // out/vscode-test/ -> the repository's vendored build, installed as "Install from VSIX..." does.
    const vsix = vscode.Uri.file(path.join(__dirname, '..', '..', 'test', 'e2e', 'vendor', 'redhat-vscode-yaml-1.25.0.vsix'));
    await vscode.commands.executeCommand('workbench.extensions.command.installFromVSIX', [vsix]);
    await waitFor('Red Hat YAML in this extension host', () => vscode.extensions.getExtension('redhat.vscode-yaml'));
    await waitFor('the client to see it validating', () => api.redHat.state().installed && api.redHat.state().validates);
    await waitFor('duplicate-key left to Red Hat YAML', () => amlDiagnostics(doc.uri, 'duplicate-key').length === 0);
    await waitFor("aml-yaml's outline gone", async () => !(await ourOutline()));
    await waitFor("Red Hat YAML's duplicate-key error", () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => d.source !== 'aml-yaml' && /Map keys must be unique/.test(d.message)),
    );
    assert.equal(doc.version, version, 'no edit');
  });
});
