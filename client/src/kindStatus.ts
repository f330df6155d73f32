import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { KindsRequest, SetKindRequest, type KindNotice } from '../../server/src/protocol';
import { requestType } from './messages';

export type { KindNotice } from '../../server/src/protocol';

const SOURCE_LABEL: Record<NonNullable<KindNotice['source']>, string> = {
  override: 'picked',
  schema: '$schema',
  content: 'content',
  setting: 'setting',
};

const OVERRIDES_KEY = 'aml-yaml.kindOverrides';

/**
 * The status bar item for the active YAML editor: the detected Azure ML kind
 * and how it was detected; clicking it picks another kind for that file
 * (remembered per workspace and sent again after a server restart).
 */
export class KindStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aml-yaml.kind', vscode.StatusBarAlignment.Right, 100);
  private readonly notices = new Map<string, KindNotice>();
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly client: LanguageClient,
    private readonly state: vscode.Memento,
  ) {
    this.item.name = 'Azure ML YAML kind';
    this.item.command = 'aml-yaml.pickKind';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.notices.delete(d.uri.toString())),
    );
  }

  /** Called for each `KindNotification` of the server. */
  onNotice(notice: KindNotice): void {
    this.notices.set(notice.uri, notice);
    this.update();
  }

  /** The notice for a document, if the server sent one. */
  noticeFor(uri: vscode.Uri): KindNotice | undefined {
    return this.notices.get(uri.toString());
  }

  get text(): string {
    return this.item.text;
  }

  /** The tooltip's Markdown (kind, how it was detected, the workspace the file belongs to). */
  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const notice = editor && editor.document.languageId === 'yaml' ? this.notices.get(editor.document.uri.toString()) : undefined;
    if (!notice) {
      this.item.hide();
      return;
    }
    const tip = new vscode.MarkdownString(undefined, true);
    if (notice.kind) {
      const how = notice.source ? SOURCE_LABEL[notice.source] : '';
      this.item.text = `$(azure) AML: ${notice.title ?? notice.kind}${how ? ` (${how})` : ''}`;
      tip.appendMarkdown(`**Azure ML ${notice.title ?? notice.kind}** (\`${notice.kind}\`)\n\n`);
      if (notice.reason) tip.appendMarkdown(`Detected: ${escapeMd(notice.reason)}.\n\n`);
      const ws = notice.workspace;
      if (ws)
        tip.appendMarkdown(
          `${ws.path ? `Workspace: **${escapeMd(ws.name ?? ws.path)}** (\`${ws.path}\`)` : 'Workspace: none'}. ${escapeMd(ws.reason)}\n\n`,
        );
      tip.appendMarkdown('Click to choose another kind for this file.');
    } else {
      this.item.text = '$(circle-slash) AML';
      tip.appendMarkdown(
        'Not recognised as Azure ML YAML: no `$schema` naming a kind and no telling content.\n\nClick to choose a kind for this file.',
      );
    }
    this.item.tooltip = tip;
    this.item.show();
  }

  /** Quick pick of kinds for the active (or given) document; returns the kind chosen (null: automatic). */
  async pick(uri?: vscode.Uri, kindId?: string | null): Promise<string | null | undefined> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a YAML file to choose its Azure ML kind.');
      return undefined;
    }
    let chosen: string | null | undefined = kindId;
    if (chosen === undefined) {
      const kinds = await this.client.sendRequest(requestType(KindsRequest));
      const current = this.noticeFor(target);
      const overridden = this.overrides()[target.toString()];
      type Item = vscode.QuickPickItem & { kindId?: string | null };
      const items: Item[] = [
        {
          label: '$(search) Detect automatically',
          description: overridden ? '' : 'current',
          detail: 'From $schema, the content, or the aml-yaml.fileKinds setting',
          kindId: null,
        },
        { label: 'Kinds', kind: vscode.QuickPickItemKind.Separator },
        ...kinds.map((k) => ({ label: k.title, description: k.id === current?.kind ? `${k.id} · current` : k.id, kindId: k.id })),
      ];
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Azure ML kind of this file',
        placeHolder: current?.title ? `Now: ${current.title}` : 'Choose a kind',
        matchOnDescription: true,
      });
      if (!picked || picked.kindId === undefined) return undefined;
      chosen = picked.kindId;
    }
    await this.setOverride(target, chosen);
    return chosen;
  }

  private overrides(): Record<string, string> {
    return this.state.get<Record<string, string>>(OVERRIDES_KEY, {});
  }

  private async setOverride(uri: vscode.Uri, kind: string | null): Promise<void> {
    const all = { ...this.overrides() };
    if (kind) all[uri.toString()] = kind;
    else delete all[uri.toString()];
    await this.state.update(OVERRIDES_KEY, all);
    await this.client.sendRequest(requestType(SetKindRequest), { uri: uri.toString(), kind });
  }

  /** Sends every remembered choice to a (re)started server. */
  async resendOverrides(): Promise<void> {
    for (const [uri, kind] of Object.entries(this.overrides())) {
      await this.client.sendRequest(requestType(SetKindRequest), { uri, kind });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
