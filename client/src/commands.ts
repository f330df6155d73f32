import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { StartersRequest, type Starter } from '../../server/src/protocol';
import { requestType } from './messages';

/** aml-yaml diagnostics at the cursor (or, failing that, on its line) of the active editor. */
export function diagnosticsAtCursor(editor: vscode.TextEditor | undefined): vscode.Diagnostic[] {
  if (!editor) return [];
  const all = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'aml-yaml');
  const pos = editor.selection.active;
  const here = all.filter((d) => d.range.contains(pos));
  return here.length ? here : all.filter((d) => d.range.start.line <= pos.line && d.range.end.line >= pos.line);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function sourceOf(d: vscode.Diagnostic): vscode.Uri | undefined {
  return typeof d.code === 'object' ? d.code.target : undefined;
}

async function pickDiagnostic(candidates: vscode.Diagnostic[], title: string): Promise<vscode.Diagnostic | undefined> {
  if (candidates.length <= 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((d) => ({ label: codeOf(d) ?? '(no code)', detail: d.message, d })),
    { title },
  );
  return picked?.d;
}

/**
 * Opens `docs/rules/<id>.md` (shipped in the extension) as a Markdown preview
 * for the diagnostic under the cursor, or for a rule id given as argument;
 * with neither, offers every documented rule. Returns the page opened.
 */
export async function showRuleDocs(context: vscode.ExtensionContext, ruleId?: string): Promise<vscode.Uri | undefined> {
  const docsDir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let id = ruleId;
  if (!id) {
    const candidates = diagnosticsAtCursor(vscode.window.activeTextEditor).filter((d) => codeOf(d));
    const withDocs = candidates.filter((d) => fs.existsSync(vscode.Uri.joinPath(docsDir, `${codeOf(d)}.md`).fsPath));
    const d = await pickDiagnostic(withDocs.length ? withDocs : candidates, 'Documentation of which rule?');
    id = d ? codeOf(d) : undefined;
  }
  if (!id) {
    const ids = listDocs(docsDir.fsPath);
    if (!ids.length) {
      void vscode.window.showInformationMessage('aml-yaml: no rule documentation is installed.');
      return undefined;
    }
    id = await vscode.window.showQuickPick(ids, {
      title: 'aml-yaml rule documentation',
      placeHolder: 'No aml-yaml diagnostic under the cursor: choose a rule',
    });
    if (!id) return undefined;
  }
  const page = vscode.Uri.joinPath(docsDir, `${id}.md`);
  if (!fs.existsSync(page.fsPath)) {
    void vscode.window.showInformationMessage(
      `aml-yaml: "${id}" is a schema check; it has no rule page. Hover the field for its documentation.`,
    );
    return undefined;
  }
  await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
  return page;
}

function listDocs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    return [];
  }
}

/** Opens the source article (`codeDescription.href`) of the diagnostic under the cursor. Returns its address. */
export async function openRuleSource(): Promise<vscode.Uri | undefined> {
  const candidates = diagnosticsAtCursor(vscode.window.activeTextEditor).filter((d) => sourceOf(d));
  if (!candidates.length) {
    void vscode.window.showInformationMessage('aml-yaml: no diagnostic with a source article under the cursor.');
    return undefined;
  }
  const d = await pickDiagnostic(candidates, 'Source article of which diagnostic?');
  const target = d && sourceOf(d);
  if (target) await vscode.env.openExternal(target);
  return target;
}

/**
 * Inserts a starter spec: into the active YAML editor when it is empty, else
 * into a new untitled YAML document. `starterId` skips the quick pick.
 */
export async function insertStarter(client: LanguageClient, starterId?: string): Promise<Starter | undefined> {
  const starters = await client.sendRequest(requestType(StartersRequest));
  let starter = starterId ? starters.find((s) => s.id === starterId) : undefined;
  if (!starter) {
    const picked = await vscode.window.showQuickPick(
      starters.map((s) => ({ label: s.label, description: s.kind, detail: s.description, s })),
      { title: 'Insert an Azure ML starter spec', matchOnDescription: true, matchOnDetail: true },
    );
    starter = picked?.s;
  }
  if (!starter) return undefined;
  let editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml' || editor.document.getText().trim() !== '') {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  }
  const all = new vscode.Range(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
  await editor.insertSnippet(new vscode.SnippetString(starter.snippet), all);
  return starter;
}
