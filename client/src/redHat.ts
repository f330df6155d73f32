/**
 * Red Hat YAML beside aml-yaml, in VS Code: tells the server whether it is
 * installed and validating, explains the `$schema` conflict once (a
 * notification with choices, remembered), and carries out the ways out the
 * user picks (modelines reviewed before they are applied, or turning Red
 * Hat YAML's validation off after a confirmation). Decisions live in
 * `redHatPolicy.ts`; nothing is edited without the user's say.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CONFIRM_BUTTONS,
  CONFLICT_CODE,
  EXPLAIN_BUTTONS,
  MEMORY_KEYS,
  OPTIONS,
  REDHAT_YAML_ID,
  TURN_OFF_MESSAGE,
  confirmationDetail,
  explainMessage,
  needsConfirmation,
  planSummary,
  redHatState,
  rememberAnswer,
  requestFor,
  sameState,
  shouldExplain,
  type ConflictEditRequest,
  type ExplainChoice,
  type RedHatYamlState,
} from './redHatPolicy';
import { RedHatYamlNotification, SchemaConflictEditsRequest } from '../../server/src/protocol';
import { notificationType, requestType } from './messages';

const isConflict = (d: vscode.Diagnostic) =>
  d.source === 'aml-yaml' && (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === CONFLICT_CODE;

export class RedHatCoexistence implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private sent: RedHatYamlState | undefined;
  private explaining = false;
  private shownThisSession = false;
  /** The last explanation's outcome (read by the tests). */
  lastChoice: ExplainChoice | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient,
  ) {
    this.disposables.push(
      vscode.extensions.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('yaml.validate')) this.update();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => this.onDiagnostics(e.uris)),
    );
  }

  /**
   * Red Hat YAML now: installed (and enabled), and `yaml.validate` as it
   * applies it (measured with 1.25.0 in test/e2e/redhat.mjs): one value for
   * every file of the window, from user and workspace settings with their
   * `[yaml]` overrides; a folder's own settings in a multi-root workspace do
   * not change it (its server asks for the `yaml` section without a file).
   * So: no resource, the YAML language.
   */
  state(): RedHatYamlState {
    const ext = vscode.extensions.getExtension(REDHAT_YAML_ID);
    const validate = vscode.workspace.getConfiguration('yaml', { languageId: 'yaml' }).get<unknown>('validate');
    return redHatState(ext, validate);
  }

  /** Tells the server when the state changed (and after a restart, through `initializationOptions`). */
  update(force = false): void {
    const now = this.state();
    if (!force && sameState(this.sent, now)) return;
    this.sent = now;
    void this.client()
      .sendNotification(notificationType(RedHatYamlNotification), now)
      .catch(() => undefined);
  }

  /** The state given to a (re)starting server. */
  initial(): RedHatYamlState {
    this.sent = this.state();
    return this.sent;
  }

  private memory() {
    return {
      workspaceAnswer: this.context.workspaceState.get<string>(MEMORY_KEYS.workspaceAnswer),
      dontAskAgain: this.context.globalState.get<boolean>(MEMORY_KEYS.dontAskAgain),
    };
  }

  private onDiagnostics(uris: readonly vscode.Uri[]): void {
    if (this.explaining || this.shownThisSession) return;
    const uri = uris.find((u) => vscode.languages.getDiagnostics(u).some(isConflict));
    if (!uri || !shouldExplain(this.state(), this.memory(), true, this.shownThisSession)) return;
    void this.explain(uri);
  }

  /** The one-time notification. Returns what the user chose. */
  async explain(uri: vscode.Uri): Promise<ExplainChoice> {
    this.explaining = true;
    this.shownThisSession = true;
    try {
      const picked = await vscode.window.showInformationMessage(
        explainMessage(path.basename(uri.path)),
        ...EXPLAIN_BUTTONS.map((b) => b.title),
      );
      const choice: ExplainChoice = EXPLAIN_BUTTONS.find((b) => b.title === picked)?.choice ?? 'dismissed';
      this.lastChoice = choice;
      const remembered = rememberAnswer(choice);
      await this.context.workspaceState.update(MEMORY_KEYS.workspaceAnswer, remembered.workspaceAnswer);
      if (remembered.dontAskAgain) await this.context.globalState.update(MEMORY_KEYS.dontAskAgain, true);
      if (choice === 'all-none') await this.resolve({ target: 'none', scope: 'workspace', uri: uri.toString() });
      else if (choice === 'file-none') await this.resolve({ target: 'none', scope: 'file', uri: uri.toString() });
      else if (choice === 'options') await this.options(uri);
      return choice;
    } finally {
      this.explaining = false;
    }
  }

  /** "Other Options...": every way out, with its trade-off. */
  async options(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const picked = await vscode.window.showQuickPick(
      OPTIONS.map((o) => ({ label: o.label, detail: o.detail, id: o.id })),
      {
        title: 'aml-yaml beside Red Hat YAML',
        placeHolder: 'Red Hat YAML cannot download the Azure ML $schema URLs. What should it do with Azure ML files?',
      },
    );
    if (!picked) return;
    if (picked.id === 'keep') await this.context.globalState.update(MEMORY_KEYS.dontAskAgain, true);
    else if (picked.id === 'turn-off') await this.turnOffValidation();
    else if (picked.id === 'explain') await vscode.commands.executeCommand('aml-yaml.showRuleDocs', CONFLICT_CODE);
    else {
      // Workspace-wide fixes need no file in front of the user; the others do.
      const request = requestFor(picked.id, target?.toString() ?? '');
      if (request && (request.scope === 'workspace' || target)) await this.resolve(request);
      else if (request) void vscode.window.showInformationMessage('Open the Azure ML file to change first.');
    }
  }

  /**
   * Asks the server for the edits of a modeline fix and applies them. Edits
   * beyond the file acted on, and schema files, need a confirmation first: a
   * modal that lists them, or the Refactor Preview to pick them one by one.
   */
  async resolve(request: ConflictEditRequest): Promise<boolean> {
    const plan = await this.client().sendRequest(requestType(SchemaConflictEditsRequest), request);
    if (!plan || !plan.changes.length) {
      void vscode.window.showInformationMessage(planSummary(plan ?? { changes: [], schemas: [], fellBackToNone: [] }, request.target));
      return false;
    }
    let review = false;
    if (needsConfirmation(plan, request.uri)) {
      const relative = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
      const answer = await vscode.window.showInformationMessage(
        planSummary(plan, request.target),
        { modal: true, detail: confirmationDetail(plan, relative) },
        CONFIRM_BUTTONS.apply,
        CONFIRM_BUTTONS.review,
      );
      if (!answer) return false;
      review = answer === CONFIRM_BUTTONS.review;
    }
    const metadata: vscode.WorkspaceEditEntryMetadata = {
      label: 'Modelines for Red Hat YAML',
      description: planSummary(plan, request.target),
      needsConfirmation: review,
    };
    const edit = new vscode.WorkspaceEdit();
    for (const s of plan.schemas) {
      edit.createFile(
        vscode.Uri.parse(s.uri),
        { overwrite: true, contents: new TextEncoder().encode(s.text) },
        { ...metadata, label: `aml-yaml schema: ${s.kind}` },
      );
    }
    for (const c of plan.changes) {
      const uri = vscode.Uri.parse(c.uri);
      for (const e of c.edits) {
        const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
        edit.replace(uri, range, e.newText, metadata);
      }
    }
    // A refactoring: files it opens are saved again (files.refactoring.autoSave).
    return vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }

  /** Turns Red Hat YAML's validation off for this workspace, after a modal confirmation. */
  async turnOffValidation(): Promise<boolean> {
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage('Open a folder first: "yaml.validate" would be turned off in its workspace settings.');
      return false;
    }
    const ok = await vscode.window.showWarningMessage(TURN_OFF_MESSAGE, { modal: true }, 'Turn Off');
    if (ok !== 'Turn Off') return false;
    await vscode.workspace.getConfiguration('yaml').update('validate', false, vscode.ConfigurationTarget.Workspace);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
