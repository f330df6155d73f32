/**
 * The extension in a real extension host, through the real `vscode` API:
 * activation, diagnostics, hover, code actions, completion, the kind status
 * bar item, commands and settings. Runs on the fixture workspace
 * test/e2e/fixtures/workspace (each runner opens a fresh copy).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AmlYamlApi } from '../../../client/src/extension';
import { amlDiagnostics, EXTENSION_ID, fileUri, markdownOf, open, positionOf, someDiagnostics, waitFor } from './helpers';

const RULE = 'private-workspace-image-build-compute';
const PRIVATE_LINK = 'https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link';
const IMAGE_BUILD_QUOTE =
  'If your workspace dependencies are under network restrictions, use the image_build_compute property to specify a compute cluster to use for image building.';

let api: AmlYamlApi;

suite('aml-yaml in the extension host', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<AmlYamlApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, false, 'not active before a YAML file is opened (activation only on YAML)');
    await open('private-workspace.yml');
    api = await waitFor('activation on YAML', async () => (ext.isActive ? ext.exports : undefined));
  });

  test('activates on YAML and reports its activation time', () => {
    assert.equal(typeof api.activationMs, 'number');
    // Measured and reported (test-results/e2e/summary.json), not bounded: a busy machine is slow, not broken.
    assert.ok(api.activationMs > 0, `activation took ${api.activationMs} ms`);
    console.log(`activation: ${api.activationMs} ms (language server ready); ${api.loadToReadyMs} ms from loading the bundle`);
  });

  test('a private workspace without image_build_compute gets the diagnostic, linked to its article', async () => {
    const uri = fileUri('private-workspace.yml');
    const [d] = await someDiagnostics(uri, RULE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /image_build_compute/);
    assert.equal(typeof d.code === 'object' && d.code.target.toString(true), PRIVATE_LINK);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(d.range.start.line, positionOf(doc, 'public_network_access').line, 'on the public_network_access line');
  });

  test('hovering public_network_access quotes the caveat with its link', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('private-workspace.yml'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, 'public_network_access', 3),
    );
    const md = markdownOf(hovers);
    assert.ok(md.includes(`> ${IMAGE_BUILD_QUOTE}`), md);
    assert.ok(md.includes(`](${PRIVATE_LINK})`), md);
  });

  test('the quick fix inserts image_build_compute and the diagnostic disappears', async () => {
    const editor = await open('private-workspace.yml');
    const uri = editor.document.uri;
    const [d] = await someDiagnostics(uri, RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /image_build_compute/.test(a.title) && a.edit);
    assert.ok(fix?.edit, `a quick fix for ${RULE}: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /^public_network_access: Disabled\nimage_build_compute: \S+\n/m);
    await waitFor('the diagnostic to disappear', () => amlDiagnostics(uri, RULE).length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the diagnostic after revert', () => amlDiagnostics(uri, RULE).length === 1);
  });

  test('completion on a new line offers the missing workspace keys', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('private-workspace.yml'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '\n');
    await vscode.workspace.applyEdit(edit);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(doc.lineCount - 1, 0),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['description', 'tags', 'identity', 'image_build_compute'])
      assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    for (const present of ['name', 'location', 'public_network_access']) assert.ok(!labels.includes(present), `${present} is already set`);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('the status bar shows the kind and how it was detected', async () => {
    await open('private-workspace.yml');
    await waitFor('status from $schema', () => api.kindStatus.text === '$(azure) AML: Workspace ($schema)');
    await open('compute/cpu-cluster.yml');
    await waitFor('status from content', () => api.kindStatus.text === '$(azure) AML: Compute cluster (content)');
    // The hover says which workspace spec the file belongs to, and why.
    const tooltip = () => api.kindStatus.tooltip.replace(/\\/g, '');
    await waitFor('the workspace in the tooltip', () =>
      tooltip().includes(
        'Workspace: **contoso-private** (`../private-workspace.yml`). ../private-workspace.yml is the workspace spec in ../, the nearest folder above this file with one.',
      ),
    );
    await open('notes.yml');
    await waitFor('status for other YAML', () => api.kindStatus.text === '$(circle-slash) AML');
  });

  test('picking a kind for a file overrides detection, and automatic detection comes back', async () => {
    const editor = await open('notes.yml');
    await vscode.commands.executeCommand('aml-yaml.pickKind', editor.document.uri, 'commandJob');
    await waitFor('the picked kind', () => api.kindStatus.text === '$(azure) AML: Command job (picked)');
    await vscode.commands.executeCommand('aml-yaml.pickKind', editor.document.uri, null);
    await waitFor('automatic detection', () => api.kindStatus.text === '$(circle-slash) AML');
  });

  test('the repository file .aml-yaml.json sets a rule level (defaults do not hide it)', async () => {
    await open('datastores/blob.yml');
    const uri = fileUri('datastores/blob.yml');
    const [d] = await someDiagnostics(uri, 'datastore-credentials');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'error from .aml-yaml.json, not the default info');
  });

  test('settings take effect without a restart', async () => {
    const uri = fileUri('datastores/blob.yml');
    const config = vscode.workspace.getConfiguration('aml-yaml');
    try {
      await config.update('rules', { 'datastore-credentials': 'hint' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the hint level from the setting',
        () => amlDiagnostics(uri, 'datastore-credentials')[0]?.severity === vscode.DiagnosticSeverity.Hint,
      );
      await config.update('validate', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('no diagnostics with validate off', () => amlDiagnostics(uri).length === 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('validate', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(
      'the repository level again',
      () => amlDiagnostics(uri, 'datastore-credentials')[0]?.severity === vscode.DiagnosticSeverity.Error,
    );
  });

  test('insert starter: the private-link workspace includes image_build_compute', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const starter = await vscode.commands.executeCommand<{ id: string }>('aml-yaml.insertStarter', 'workspace-private-link');
    assert.equal(starter?.id, 'workspace-private-link');
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^public_network_access: Disabled$/m);
    assert.match(doc.getText(), /^image_build_compute: cpu-cluster$/m);
    await waitFor(
      `the kind of the new spec (status: ${api.kindStatus.text}; ${JSON.stringify(api.kindStatus.noticeFor(doc.uri))})`,
      () => api.kindStatus.text === '$(azure) AML: Workspace ($schema)',
    );
    assert.equal(amlDiagnostics(doc.uri, RULE).length, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the starter list includes the secure variants', async () => {
    const starters = await api.client.sendRequest<Array<{ id: string }>>('aml-yaml/starters');
    const ids = starters.map((s) => s.id);
    for (const id of [
      'workspace-private-link',
      'workspace-user-assigned-identity',
      'compute-cluster-user-assigned-identity',
      'command-job-user-identity',
    ])
      assert.ok(ids.includes(id), id);
  });

  test('rule documentation opens from the diagnostic under the cursor', async () => {
    const editor = await open('private-workspace.yml');
    const [d] = await someDiagnostics(editor.document.uri, RULE);
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    const page = await vscode.commands.executeCommand<vscode.Uri | undefined>('aml-yaml.showRuleDocs');
    assert.ok(page, 'a rule page was opened');
    assert.ok(page.path.endsWith(`/docs/rules/${RULE}.md`), page.path);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(page));
    assert.match(text, new RegExp(`^# ${RULE}`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('restarting the server keeps the features working', async () => {
    await vscode.commands.executeCommand('aml-yaml.restartServer');
    const doc = (await open('private-workspace.yml')).document;
    await waitFor('diagnostics after restart', () => amlDiagnostics(doc.uri, RULE).length === 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, 'public_network_access', 3),
    );
    assert.ok(markdownOf(hovers).includes(IMAGE_BUILD_QUOTE));
  });

  test('virtual files (vscode-vfs) get single-file checks', async function () {
    const files = new Map<string, Uint8Array>([
      [
        '/repo/ws.yml',
        new TextEncoder().encode(
          '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: v\npublic_network_access: Disabled\n',
        ),
      ],
    ]);
    let registration: vscode.Disposable;
    try {
      registration = vscode.workspace.registerFileSystemProvider('vscode-vfs', memoryFs(files), { isReadonly: true });
    } catch {
      this.skip();
    }
    try {
      const uri = vscode.Uri.parse('vscode-vfs://github/repo/ws.yml');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await waitFor(`${RULE} on a virtual file`, () => amlDiagnostics(uri, RULE).length === 1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration!.dispose();
    }
  });
});

function memoryFs(files: Map<string, Uint8Array>): vscode.FileSystemProvider {
  const emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  const stat = (uri: vscode.Uri): vscode.FileStat => {
    const f = files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: f.length };
    if ([...files.keys()].some((p) => p.startsWith(uri.path.replace(/\/?$/, '/'))))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  };
  return {
    onDidChangeFile: emitter.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat,
    readDirectory: () => [],
    createDirectory: () => undefined,
    readFile: (uri) => {
      const f = files.get(uri.path);
      if (!f) throw vscode.FileSystemError.FileNotFound(uri);
      return f;
    },
    writeFile: () => undefined,
    delete: () => undefined,
    rename: () => undefined,
  };
}
