/**
 * The VS Code extension: starts the bundled language server over node IPC for
 * YAML documents (the server decides which are Azure ML), and adds the kind
 * status bar item, the output channel and the commands.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { insertStarter, openRuleSource, showRuleDocs } from './commands';
import { KindNotification, type InitializationOptions } from '../../server/src/protocol';
import { KindStatus } from './kindStatus';
import { notificationType } from './messages';
import { RedHatCoexistence } from './redHat';
import type { ConflictEditRequest } from './redHatPolicy';
import { explicitSection } from './settings';

const loadedAt = performance.now();

/** What `activate` returns (read by the extension-host tests). */
export interface AmlYamlApi {
  /** Milliseconds from the start of `activate` to the language server answering `initialize`. */
  activationMs: number;
  /** Milliseconds from loading the bundle to the same point. */
  loadToReadyMs: number;
  client: LanguageClient;
  kindStatus: KindStatus;
  redHat: RedHatCoexistence;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<AmlYamlApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Azure ML YAML');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Red Hat YAML: whether it is installed and validating goes to the server at start and on change.
  const redHat = new RedHatCoexistence(context, () => c);
  const clientOptions: LanguageClientOptions = {
    // watchesFiles: this client watches every file for the server (below), which then registers no watcher of its own.
    initializationOptions: (): InitializationOptions => ({ redHatYaml: redHat.initial(), watchesFiles: true }),
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-vfs', language: 'yaml' },
    ],
    outputChannel: output,
    // Every file, not only YAML: `missing-file` follows `code:` folders, scoring scripts and conda files,
    // and .aml-yaml.json chooses workspaces.
    synchronize: {
      configurationSection: 'aml-yaml',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*'),
    },
    middleware: {
      workspace: {
        // Only explicitly set values, so `.aml-yaml.json` wins over defaults.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => {
            if (item.section !== 'aml-yaml' && !item.section?.startsWith('aml-yaml.')) return answers[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const cfg = vscode.workspace.getConfiguration('aml-yaml', scope);
            const section = explicitSection((key) => cfg.inspect(key));
            return item.section === 'aml-yaml' ? section : (section[item.section.slice('aml-yaml.'.length)] ?? null);
          });
        },
      },
    },
  };
  client = new LanguageClient('aml-yaml', 'Azure ML YAML', serverOptions, clientOptions);
  const kindStatus = new KindStatus(client, context.workspaceState);
  const c = client;

  context.subscriptions.push(
    output,
    kindStatus,
    redHat,
    c.onNotification(notificationType(KindNotification), (n) => kindStatus.onNotice(n)),
    c.onDidChangeState((e) => {
      if (e.newState === State.Running) void kindStatus.resendOverrides().catch(() => undefined);
    }),
    vscode.commands.registerCommand('aml-yaml.restartServer', async () => {
      output.appendLine('Restarting the language server.');
      await c.restart();
    }),
    vscode.commands.registerCommand('aml-yaml.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aml-yaml.pickKind', (uri?: vscode.Uri, kind?: string | null) => kindStatus.pick(uri, kind)),
    vscode.commands.registerCommand('aml-yaml.showRuleDocs', (ruleId?: string) =>
      showRuleDocs(context, typeof ruleId === 'string' ? ruleId : undefined),
    ),
    vscode.commands.registerCommand('aml-yaml.openRuleSource', () => openRuleSource()),
    vscode.commands.registerCommand('aml-yaml.resolveSchemaConflicts', (request?: ConflictEditRequest) =>
      request && typeof request === 'object' && 'target' in request ? redHat.resolve(request) : redHat.options(),
    ),
    vscode.commands.registerCommand('aml-yaml.turnOffRedHatValidation', () => redHat.turnOffValidation()),
    vscode.commands.registerCommand('aml-yaml.insertStarter', (starterId?: string) =>
      insertStarter(c, typeof starterId === 'string' ? starterId : undefined),
    ),
  );

  await c.start();
  const ready = performance.now();
  const api: AmlYamlApi = {
    activationMs: Math.round(ready - started),
    loadToReadyMs: Math.round(ready - loadedAt),
    client: c,
    kindStatus,
    redHat,
  };
  output.appendLine(
    `Azure ML YAML activated in ${api.activationMs} ms (language server ready; ${api.loadToReadyMs} ms since the bundle loaded).`,
  );
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
