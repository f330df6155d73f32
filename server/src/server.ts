/**
 * The only file that speaks LSP: wires connection events to the language
 * service. Runs as `node dist/server.js --stdio` or over node IPC.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { mergeConfig, readConfig, type AmlConfig } from './core/config';
import { kindInfo, KINDS } from './core/kinds';
import type { TextSource } from './core/types';
import { starters } from './features/starters';
import { RepoConfigReader } from './node/repoConfig';
import { AmlLanguageService } from './service';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const repoConfig = new RepoConfigReader();
let userConfig: Partial<AmlConfig> = {};
let hasConfigurationCapability = false;
const reportedConfigProblems = new Set<string>();

function configFor(uri: string): AmlConfig {
  let repo: Partial<AmlConfig> = {};
  const parsed = URI.parse(uri);
  if (parsed.scheme === 'file') {
    const found = repoConfig.forFile(parsed.fsPath);
    repo = found.config;
    for (const p of found.problems) {
      if (reportedConfigProblems.has(p.message)) continue;
      reportedConfigProblems.add(p.message);
      connection.window.showWarningMessage(`aml-yaml: ${p.message}`);
    }
  }
  return mergeConfig(repo, userConfig);
}

const service = new AmlLanguageService({ getConfig: configFor });

function source(doc: TextDocument): TextSource {
  return { uri: doc.uri, version: doc.version, text: doc.getText() };
}

function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (err) {
      connection.console.error(`aml-yaml: ${name} failed: ${(err as Error)?.stack ?? String(err)}`);
      return fallback;
    }
  };
}

// ---------------------------------------------------------------------------
// Diagnostics: analysed after a short pause in typing, larger files wait longer.

const pending = new Map<string, NodeJS.Timeout>();

function schedule(doc: TextDocument): void {
  const existing = pending.get(doc.uri);
  if (existing) clearTimeout(existing);
  const size = doc.getText().length;
  const delay = size < 20_000 ? 15 : size < 200_000 ? 60 : 200;
  pending.set(
    doc.uri,
    setTimeout(() => {
      pending.delete(doc.uri);
      publish(doc.uri);
    }, delay),
  );
}

const publish = guard('diagnostics', undefined, (uri: string) => {
  const doc = documents.get(uri);
  if (!doc) return;
  const analysis = service.analyze(source(doc));
  for (const f of analysis.ruleFailures) connection.console.error(`aml-yaml: rule ${f.rule} failed on ${uri}: ${f.error}`);
  const detection = analysis.docs.find((d) => d.detection)?.detection;
  connection.sendNotification('aml-yaml/kind', {
    uri,
    kind: detection?.kind ?? null,
    title: detection ? kindInfo(detection.kind)?.title ?? detection.kind : null,
    source: detection?.source ?? null,
    reason: detection?.reason ?? null,
  });
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics: analysis.diagnostics as any });
});

function republishAll(): void {
  service.invalidate();
  for (const doc of documents.all()) schedule(doc);
}

// ---------------------------------------------------------------------------

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) userConfig = readConfig(init.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '/'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'aml-yaml', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'aml-yaml' });
    void pullSettings();
  }
});

async function pullSettings(): Promise<void> {
  try {
    const settings = await connection.workspace.getConfiguration('aml-yaml');
    userConfig = readConfig(settings ?? {});
  } catch {
    /* the client may not answer configuration requests */
  }
  republishAll();
}

connection.onDidChangeConfiguration((change) => {
  if (hasConfigurationCapability) void pullSettings();
  else {
    userConfig = readConfig((change.settings as any)?.['aml-yaml'] ?? {});
    republishAll();
  }
});

connection.onDidChangeWatchedFiles(() => {
  repoConfig.clear();
  republishAll();
});

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  const t = pending.get(e.document.uri);
  if (t) clearTimeout(t);
  pending.delete(e.document.uri);
  service.forget(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(
  guard('completion', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? (service.complete(source(doc), params.position) as any) : null;
  }),
);

connection.onHover(
  guard('hover', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? (service.hover(source(doc), params.position) as any) : null;
  }),
);

connection.onCodeAction(
  guard('code actions', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? (service.codeActions(source(doc), params.range, params.context.diagnostics as any) as any) : [];
  }),
);

connection.onDocumentSymbol(
  guard('document symbols', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? (service.documentSymbols(source(doc)) as any) : [];
  }),
);

connection.onRequest(
  'aml-yaml/starters',
  guard('starters', [], () => starters(service)),
);

connection.onRequest(
  'aml-yaml/kinds',
  guard('kinds', [], () => KINDS.filter((k) => service.store.hasKind(k.id)).map((k) => ({ id: k.id, title: k.title }))),
);

connection.onRequest(
  'aml-yaml/setKind',
  guard('set kind', null, (params: { uri: string; kind: string | null }) => {
    service.setKindOverride(params.uri, params.kind ?? undefined);
    const doc = documents.get(params.uri);
    if (doc) publish(doc.uri);
    return null;
  }),
);

documents.listen(connection);
connection.listen();
