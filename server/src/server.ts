/**
 * The only file that speaks LSP: wires connection events to the language
 * service. Runs as `node dist/server.js --stdio` or over node IPC.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  NotificationType,
  ProposedFeatures,
  RequestType,
  RequestType0,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import path from 'node:path';
import { format } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import fs from 'node:fs';
import { mergeConfig, readConfig, type AmlConfig } from './core/config';
import type { Detection } from './core/detect';
import { kindInfo, KINDS } from './core/kinds';
import { Severity, type Diagnostic, type TextSource } from './core/types';
import { NodeFileSystem } from './node/fileSystem';
import { AnalysisQueue } from './node/analysisQueue';
import { IndexWorkerPool } from './node/indexPool';
import { indexProblems } from './node/indexProblems';
import { belongsOffThread, capDiagnostics, OffThreadAnalysis, parseUnits, type WorkerMethods } from './node/offThread';
import { explicitWorkspaces, REPO_CONFIG_FILE as REPO_CONFIG_NAME, RepoConfigReader } from './node/repoConfig';
import { mirrorSourceOf } from './node/workspaceMirror';
import { readSchemaFiles, standaloneSchemaText } from './node/schemaFiles';
import {
  KindNotification,
  KindsRequest,
  RedHatYamlNotification,
  SchemaConflictEditsRequest,
  SetKindRequest,
  StartersRequest,
  type InitializationOptions,
  type NotificationSignature,
  type RedHatYamlState,
  type RequestSignature,
  type RequestSignature0,
} from './protocol';
import { AmlLanguageService, planConflictEdits, redHatYamlState, starters, withStarterModeline, yamlServerAtStart } from './service';
import { associationNotice } from './workspace/association';
import { SNAPSHOT_KINDS } from './workspace/snapshot';
import { WorkspaceIndex, type FileEvent, type IndexChange } from './workspace/workspaceIndex';

// ---------------------------------------------------------------------------
// Transport and lifecycle. Over stdio the message stream is read here, so that
// a framing error (a wrong Content-Length, a body that is not JSON) ends the
// connection with a line on stderr instead of leaving the server reading
// garbage forever; nothing but LSP messages may reach stdout. Requests before
// `initialize` get ServerNotInitialized, requests after `shutdown` get
// InvalidRequest, and notifications then are ignored.

let initialized = false;
let shutDown = false;

function endConnection(reason: string): never {
  process.stderr.write(`aml-yaml: ${reason}; closing the connection.\n`);
  try {
    offThread.dispose();
  } catch {
    /* not started */
  }
  process.exit(shutDown ? 0 : 1);
}

function framingProblem(err: unknown): string {
  const message = String((err as Error)?.message ?? err);
  if (/content-length/i.test(message)) return 'a missing or invalid Content-Length header';
  if (/JSON|Unexpected token|Unterminated/i.test(message)) return 'a body that is not JSON: a wrong Content-Length or a broken message';
  return 'malformed message headers';
}

function createTransport() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  // The reason is described, not quoted: the error text may hold bytes of the stream (a file's text).
  reader.onError((err) => endConnection(`the client sent a message that cannot be read (${framingProblem(err)})`));
  writer.onError(([err]) => endConnection(`cannot write to the client (${err?.message ?? err})`));
  process.stdin.on('end', () => endConnection('the client closed the input stream'));
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[level] = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  }
  return createConnection(ProposedFeatures.all, reader, writer);
}

const connection = createTransport();
const documents = new TextDocuments(TextDocument);

/** The vscode-jsonrpc message type of a signature of protocol.ts (typed params and result). */
function requestType<R>(s: RequestSignature0<R>): RequestType0<R, void>;
function requestType<P, R>(s: RequestSignature<P, R>): RequestType<P, R, void>;
function requestType<P, R>(s: RequestSignature0<R> | RequestSignature<P, R>): RequestType0<R, void> | RequestType<P, R, void> {
  return s.params === 0 ? new RequestType0<R, void>(s.method) : new RequestType<P, R, void>(s.method);
}
const notificationType = <P>(s: NotificationSignature<P>) => new NotificationType<P>(s.method);

/** A request handler that answers with the protocol's errors before `initialize` and after `shutdown`. */
function served<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R | ResponseError<void> {
  return (...args: A) => {
    if (!initialized) return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized.');
    if (shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
    return handler(...args);
  };
}
const repoConfig = new RepoConfigReader();
let userConfig: Partial<AmlConfig> = {};
/** Red Hat YAML as the VS Code client reports it (`aml-yaml/redHatYaml`); other clients say nothing. */
let redHatYaml: RedHatYamlState | undefined;
const environment = (): Partial<AmlConfig> => (redHatYaml ? { redHatYaml } : {});
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
  return mergeConfig(repo, userConfig, environment());
}

/**
 * Time budget of one analysis on this thread. A document that exceeds it is
 * moved to the worker (with its larger budget) for this and later versions:
 * the main thread stays free for requests on other files.
 */
const MAIN_THREAD_BUDGET_MS = 250;
const service = new AmlLanguageService({ getConfig: configFor, incrementalParse: true, budgetMs: MAIN_THREAD_BUDGET_MS });

// The workspace index: every spec under the workspace folders, for
// cross-file references, navigation and the cross-file rules. Files are read
// and parsed by a pool of worker threads, never on this thread.
const pool = IndexWorkerPool.fromEnvironment(path.join(__dirname, 'indexWorker.js'), (m) => connection.console.warn(m));
const index = new WorkspaceIndex({
  fs: new NodeFileSystem(),
  getConfig: configFor,
  parser: pool,
  explicitWorkspace: explicitWorkspaces(repoConfig),
});
service.setWorkspace(index);
let workspaceRoots: string[] = [];
let indexing = false;
let canWatchFiles = false;
let clientWatchesFiles = false;
let hasWorkspaceFolderCapability = false;
/** The client registers document symbols dynamically: registering them again makes it ask again (a fresh Outline). */
let canRefreshSymbols = false;
let symbolRegistration: Promise<{ dispose(): void } | undefined> = Promise.resolve(undefined);

/**
 * LSP has no refresh request for document symbols, and VS Code keeps a
 * document's symbols until its text changes; but it drops them, and the
 * Outline asks again, when a provider comes or goes. So when what decides
 * the outline changes (Red Hat YAML, `documentSymbols`), the provider is
 * registered anew.
 */
function refreshSymbols(): void {
  if (!canRefreshSymbols) return;
  const previous = symbolRegistration;
  symbolRegistration = (async () => {
    (await previous)?.dispose();
    return connection.client.register(DocumentSymbolRequest.type, { documentSelector: null });
  })().catch(() => undefined);
}

/** Re-analyses the open documents that depend on what changed in the index. */
let problemsScheduled = false;
function republishDependents(changes: readonly IndexChange[]): void {
  if (indexing || !changes.length) return;
  // A workspace spec that appeared, went or moved may make a configuration's "workspace" valid or not.
  if (!problemsScheduled && changes.some((c) => c.associations)) {
    problemsScheduled = true;
    setImmediate(() => {
      problemsScheduled = false;
      publishIndexProblems();
    });
  }
  for (const uri of index.dependents(changes, documents.keys())) {
    service.invalidate(uri);
    const doc = documents.get(uri);
    if (doc) schedule(doc);
  }
}
index.onDidChange(republishDependents);

/** Reads `files.exclude` of every workspace folder; returns whether it changed. */
async function pullExcludes(): Promise<boolean> {
  if (!hasConfigurationCapability || !workspaceRoots.length) return false;
  const next = new Map<string, string[]>();
  try {
    const answers = (await connection.workspace.getConfiguration(
      workspaceRoots.map((scopeUri) => ({ scopeUri, section: 'files.exclude' })),
    )) as unknown[];
    workspaceRoots.forEach((root, i) => {
      const value = answers?.[i] as Record<string, unknown> | null | undefined;
      next.set(
        root,
        Object.entries(value ?? {})
          .filter(([, on]) => on === true)
          .map(([glob]) => glob),
      );
    });
  } catch {
    return false; // the client may not answer configuration requests
  }
  let changed = false;
  for (const [root, globs] of next) if (index.setExcludes(globs, root)) changed = true;
  return changed;
}

let indexRun = 0;
async function startIndexing(options: { reuse?: boolean; excludesKnown?: boolean } = {}): Promise<void> {
  if (!workspaceRoots.length) return;
  const run = ++indexRun;
  indexing = true;
  try {
    if (!options.excludesKnown) await pullExcludes();
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Azure ML: indexing specs', 0, 'Scanning folders', false);
    const started = Date.now();
    const done = await index.index(
      workspaceRoots,
      (p) => {
        if (p.phase === 'parse' && p.total) progress.report(Math.floor((p.done * 100) / p.total), `${p.done}/${p.total} YAML files`);
      },
      undefined,
      { reuse: options.reuse },
    );
    progress.done();
    if (done) {
      const st = index.stats();
      connection.console.log(`aml-yaml: indexed ${st.specs} specs in ${st.files} files in ${Date.now() - started} ms`);
    }
  } catch (err) {
    connection.console.error(`aml-yaml: indexing failed: ${(err as Error)?.stack ?? String(err)}`);
  } finally {
    if (run === indexRun) indexing = false;
  }
  offThread.workspaceReady();
  if (run !== indexRun) return;
  publishIndexProblems();
  republishAll();
}

/** Problems of files that are not open (node/indexProblems.ts); cleared when they go. */
const publishedProblems = new Set<string>();
function publishIndexProblems(): void {
  const next = indexProblems(index, repoConfig, (uri) => !!documents.get(uri));
  for (const uri of publishedProblems) if (!next.has(uri) && !documents.get(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
  publishedProblems.clear();
  for (const [uri, diagnostics] of next) {
    publishedProblems.add(uri);
    connection.sendDiagnostics({ uri, diagnostics });
  }
}

function source(doc: TextDocument): TextSource {
  return { uri: doc.uri, version: doc.version, text: doc.getText() };
}

function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
  const fail = (err: unknown) => {
    connection.console.error(`aml-yaml: ${name} failed: ${(err as Error)?.stack ?? String(err)}`);
    return fallback;
  };
  return (...args: A) => {
    try {
      const result = fn(...args);
      return (result instanceof Promise ? result.catch(fail) : result) as R;
    } catch (err) {
      return fail(err);
    }
  };
}

// Documents that are large, or dense enough to be slow to parse (offThread.ts
// belongsOffThread), are analysed in a worker thread, with a mirror of the
// workspace index, so that requests on other files are answered meanwhile.
const offThread = new OffThreadAnalysis(path.join(__dirname, 'analysisWorker.js'), (m) => connection.console.error(m));
offThread.setWorkspace(mirrorSourceOf(index));
/** Per document, whether its current version goes to the worker (computed once per version). */
const placement = new Map<string, { version: number; offThread: boolean }>();
/** Documents whose analysis outgrew the main thread's budget, with their length then. */
const heavy = new Map<string, number>();
function isLarge(doc: TextDocument): boolean {
  let known = placement.get(doc.uri);
  if (known?.version !== doc.version)
    placement.set(doc.uri, (known = { version: doc.version, offThread: belongsOffThread(doc.getText()) }));
  if (known.offThread) return true;
  const at = heavy.get(doc.uri);
  if (at === undefined) return false;
  // Back to this thread once most of the text is gone.
  if (doc.getText().length < at / 2) heavy.delete(doc.uri);
  return heavy.has(doc.uri);
}

/** A feature for an open document: on this thread, or in the worker for a large document. */
function feature<M extends keyof WorkerMethods, R>(
  doc: TextDocument,
  method: M,
  args: WorkerMethods[M][0],
  onThisThread: (src: TextSource) => R,
  fallback: R,
): R | Promise<R> {
  if (!isLarge(doc)) {
    offThread.close(doc.uri);
    return onThisThread(source(doc));
  }
  service.forget(doc.uri);
  return offThread.call(source(doc), method, args, () => fallback) as Promise<R>;
}

// ---------------------------------------------------------------------------
// Diagnostics: node/analysisQueue.ts decides when (the latest version only,
// once a burst of changes is over; slow analyses space out their successors).

/** Per document, a counter of changes: the queue waits until it stops moving. */
const changeStamps = new Map<string, number>();
const queue = new AnalysisQueue({
  stamp: (uri) => (documents.get(uri) ? (changeStamps.get(uri) ?? 0) : undefined),
  analyse: (uri) => publish(uri),
});

function schedule(doc: TextDocument): void {
  if (!initialized || shutDown) return;
  queue.schedule(doc.uri);
}

function changed(doc: TextDocument): void {
  changeStamps.set(doc.uri, (changeStamps.get(doc.uri) ?? 0) + 1);
  schedule(doc);
}

const publish = guard('diagnostics', undefined, (uri: string): void | Promise<void> => {
  const doc = documents.get(uri);
  if (!doc) return;
  if (isLarge(doc)) return publishLarge(doc);
  offThread.close(uri);
  const src = source(doc);
  // The open document's text wins over the disk; specs that depend on it are republished.
  index.setOpenDocument(doc.uri, src.text, doc.version, service.parse(src));
  const analysis = service.analyze(src);
  if (analysis.stopped && (src.text.length > 16 * 1024 || parseUnits(src.text) > 1_000)) {
    // Over this thread's budget: this version and the next ones go to the worker. (A small document
    // over budget was slowed down by something else, such as a busy machine: it stays here.)
    heavy.set(uri, src.text.length);
    service.forget(uri);
    connection.console.log(
      `aml-yaml: ${uri} took longer than ${MAIN_THREAD_BUDGET_MS} ms to analyse; it is analysed in the worker from now on.`,
    );
    return publishLarge(doc);
  }
  for (const f of analysis.ruleFailures) connection.console.error(`aml-yaml: rule ${f.rule} failed on ${uri}: ${f.error}`);
  sendResults(doc, analysis.diagnostics, analysis.docs.find((d) => d.detection)?.detection);
});

/**
 * A large document: analysed in the worker, over a mirror of the index and
 * the associations of a snapshot (which workspace each file belongs to); the
 * worker's answer carries the document's index facts (the open text wins
 * over the disk, as for small documents).
 */
let snapshotGeneration = -1;
async function publishLarge(doc: TextDocument): Promise<void> {
  const uri = doc.uri;
  service.forget(uri);
  const version = doc.version;
  if (snapshotGeneration !== index.generation) {
    offThread.setAssociations(index.snapshot([...offThreadUris()], SNAPSHOT_KINDS));
    snapshotGeneration = index.generation;
  }
  const result = await offThread.call(source(doc), 'diagnostics', [], (reason) => ({
    diagnostics: [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: Severity.Warning,
        code: 'analysis-stopped',
        source: 'aml-yaml' as const,
        message: `aml-yaml stopped analysing this file: ${reason}.`,
      },
    ],
    ruleFailures: [],
  }));
  const now = documents.get(uri);
  if (!now) return;
  if (now.version !== version) {
    schedule(now); // analysed again when this run ends
    return;
  }
  for (const f of result.ruleFailures) connection.console.error(`aml-yaml: rule ${f.rule} failed on ${uri}: ${f.error}`);
  if (result.facts) {
    // The document's own facts do not change what the worker's snapshot holds for the others.
    const fresh = snapshotGeneration === index.generation;
    index.setOpenFacts(uri, result.facts, version);
    if (fresh) snapshotGeneration = index.generation;
  }
  sendResults(now, result.diagnostics, result.detection);
}

function* offThreadUris(): Iterable<string> {
  for (const d of documents.all()) if (isLarge(d)) yield d.uri;
}

function sendResults(doc: TextDocument, diagnostics: Diagnostic[], detection: Detection | undefined): void {
  const uri = doc.uri;
  connection.sendNotification(notificationType(KindNotification), {
    uri,
    kind: detection?.kind ?? null,
    title: detection ? (kindInfo(detection.kind)?.title ?? detection.kind) : null,
    source: detection?.source ?? null,
    reason: detection?.reason ?? null,
    // Which workspace spec the file belongs to and why (null until the index knows).
    workspace: detection && (index.ready || index.specsIn(uri).length) ? associationNotice(index.association(uri), uri) : null,
  });
  connection.sendDiagnostics({ uri, version: doc.version, diagnostics: capDiagnostics(diagnostics) });
}

function republishAll(): void {
  service.invalidate();
  offThread.setUserConfig({ ...userConfig, ...environment() });
  offThread.invalidate();
  for (const doc of documents.all()) schedule(doc);
}

// ---------------------------------------------------------------------------

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initialized = true;
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  hasWorkspaceFolderCapability = !!params.capabilities.workspace?.workspaceFolders;
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  workspaceRoots = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
  const init = params.initializationOptions as InitializationOptions | undefined;
  if (init?.settings) userConfig = readConfig(init.settings);
  redHatYaml = yamlServerAtStart(init);
  // The VS Code client watches every file itself (client/src/extension.ts); other clients are asked to.
  clientWatchesFiles = init?.watchesFiles === true;
  canRefreshSymbols = !!params.capabilities.textDocument?.documentSymbol?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '/', '.', '{'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      // Registered in `initialized` where the client can take it dynamically (see refreshSymbols).
      documentSymbolProvider: !canRefreshSymbols,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      workspaceSymbolProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'aml-yaml', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  pool.setUserConfig(userConfig);
  refreshSymbols();
  if (hasConfigurationCapability) {
    // files.exclude too: a change re-indexes (what is no longer excluded is read, what is now excluded dropped).
    void connection.client.register(DidChangeConfigurationNotification.type, { section: ['aml-yaml', 'files.exclude'] });
  }
  if (canWatchFiles && !clientWatchesFiles) {
    // Every file: specs, but also the `code:` folders, scoring scripts and conda files `missing-file` looks for, and .aml-yaml.json.
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
  }
  if (hasWorkspaceFolderCapability) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      workspaceRoots = [...workspaceRoots.filter((r) => !removed.has(r)), ...e.added.map((f) => f.uri)];
      void startIndexing({ reuse: true });
    });
  }
  // Settings first: their fileKinds decide kinds in the index.
  if (hasConfigurationCapability) await pullSettings();
  void startIndexing();
});

async function pullSettings(): Promise<void> {
  const before = JSON.stringify(userConfig.fileKinds ?? {});
  try {
    const settings = await connection.workspace.getConfiguration('aml-yaml');
    userConfig = readConfig(settings ?? {});
  } catch {
    /* the client may not answer configuration requests */
  }
  settingsChanged(before);
}

/** The value under `keys` of settings a client pushed (undefined where a step is not an object). */
function settingAt(settings: unknown, ...keys: string[]): unknown {
  let value = settings;
  for (const key of keys) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** User settings changed: re-analyse; kinds from `fileKinds` change what the index holds. */
let outlineSetting: AmlConfig['documentSymbols'];
function settingsChanged(fileKindsBefore: string): void {
  pool.setUserConfig(userConfig);
  if (JSON.stringify(userConfig.fileKinds ?? {}) !== fileKindsBefore && index.ready) void index.refresh().catch(() => undefined);
  republishAll();
  if (userConfig.documentSymbols !== outlineSetting) {
    outlineSetting = userConfig.documentSymbols;
    refreshSymbols();
  }
}

connection.onDidChangeConfiguration((change) => {
  if (hasConfigurationCapability) {
    void pullSettings();
    void pullExcludes().then((changed) => {
      if (changed) void startIndexing({ reuse: true, excludesKnown: true });
    });
  } else {
    const before = JSON.stringify(userConfig.fileKinds ?? {});
    userConfig = readConfig(settingAt(change.settings, 'aml-yaml') ?? {});
    const globs = settingAt(change.settings, 'files', 'exclude');
    if (
      globs &&
      typeof globs === 'object' &&
      index.setExcludes(
        Object.entries(globs)
          .filter(([, on]) => on === true)
          .map(([g]) => g),
      )
    )
      void startIndexing({ reuse: true, excludesKnown: true });
    settingsChanged(before);
  }
});

connection.onDidChangeWatchedFiles((params) => {
  const events: FileEvent[] = [];
  const configs: string[] = [];
  for (const change of params.changes) {
    const type = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
    if (change.uri.endsWith(`/${REPO_CONFIG_NAME}`)) configs.push(change.uri);
    events.push({ uri: change.uri, type });
  }
  void index
    .applyEvents(events)
    .then(async () => {
      if (configs.length) {
        // Kinds (fileKinds) and workspaces ("workspace") of the files below them may change.
        repoConfig.clear();
        pool.invalidate();
        index.invalidateAssociations();
        for (const c of configs) await index.refresh(c.slice(0, c.lastIndexOf('/')));
        republishAll();
      }
      publishIndexProblems();
    })
    .catch((err) => connection.console.error(`aml-yaml: file events failed: ${(err as Error)?.stack ?? String(err)}`));
});

connection.onShutdown(() => {
  shutDown = true;
  offThread.dispose();
});

// TextDocuments reports an open as a content change too: one change per message.
documents.onDidChangeContent((e) => changed(e.document));
documents.onDidClose((e) => {
  queue.cancel(e.document.uri);
  changeStamps.delete(e.document.uri);
  heavy.delete(e.document.uri);
  placement.delete(e.document.uri);
  service.forget(e.document.uri);
  offThread.close(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  void index
    .closeDocument(e.document.uri)
    .then(() => publishIndexProblems())
    .catch(() => undefined);
});

connection.onCompletion(
  served(
    guard('completion', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? feature(doc, 'complete', [params.position], (src) => service.complete(src, params.position), null) : null;
    }),
  ),
);

connection.onHover(
  served(
    guard('hover', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? feature(doc, 'hover', [params.position], (src) => service.hover(src, params.position), null) : null;
    }),
  ),
);

connection.onCodeAction(
  served(
    guard('code actions', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc
        ? feature(
            doc,
            'codeActions',
            [params.range, params.context.diagnostics],
            (src) => service.codeActions(src, params.range, params.context.diagnostics),
            [],
          )
        : [];
    }),
  ),
);

connection.onDocumentSymbol(
  served(
    guard('document symbols', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? feature(doc, 'documentSymbols', [], (src) => service.documentSymbols(src), []) : [];
    }),
  ),
);

connection.onDefinition(
  served(
    guard('definition', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? feature(doc, 'definition', [params.position], (src) => service.definition(src, params.position), []) : [];
    }),
  ),
);

connection.onReferences(
  served(
    guard('references', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      const all = params.context?.includeDeclaration !== false;
      return doc ? feature(doc, 'references', [params.position, all], (src) => service.references(src, params.position, all), []) : [];
    }),
  ),
);

connection.onPrepareRename(
  served(
    guard('prepare rename', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? feature(doc, 'prepareRename', [params.position], (src) => service.prepareRename(src, params.position), null) : null;
    }),
  ),
);

// A rename the service refuses (an invalid or taken name) is an error the editor shows; other failures log and return nothing.
connection.onRenameRequest(
  served(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const result = await guard('rename', null, () =>
      feature(doc, 'rename', [params.position, params.newName], (src) => service.rename(src, params.position, params.newName), null),
    )();
    if (result && 'error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result?.edit ?? null;
  }),
);

connection.onWorkspaceSymbol(served(guard('workspace symbols', [], (params) => service.workspaceSymbols(params.query ?? ''))));

connection.onRequest(
  requestType(StartersRequest),
  served(
    guard('starters', [], () => {
      const config = mergeConfig(userConfig, environment());
      return starters(service).map((s) => withStarterModeline(s, config));
    }),
  ),
);

// Beside Red Hat YAML: whether it is installed and validating (sent by the VS Code client).
connection.onNotification(notificationType(RedHatYamlNotification), (state) => {
  redHatYaml = redHatYamlState(state);
  republishAll();
  refreshSymbols();
});

// The edits of a modeline fix for Red Hat YAML's unreachable $schema (the client previews and applies them).
let schemaFiles: ReturnType<typeof readSchemaFiles> | undefined;
function standaloneSchema(kind: string): string | undefined {
  const shipped = path.join(__dirname, 'schemas', `${kind}.schema.json`);
  if (fs.existsSync(shipped)) return fs.readFileSync(shipped, 'utf8');
  schemaFiles ??= readSchemaFiles(service.store.dir);
  return standaloneSchemaText(schemaFiles, kind, 'dev');
}
connection.onRequest(
  requestType(SchemaConflictEditsRequest),
  served(
    guard('schema conflict edits', null, (params) => {
      const uris =
        params.scope === 'workspace' ? new Set([...index.specs().map((s) => s.uri), ...documents.keys()]) : new Set([params.uri]);
      const files: Array<{ uri: string; text: string }> = [];
      for (const uri of uris) {
        const open = documents.get(uri);
        if (open) files.push({ uri, text: open.getText() });
        else if (URI.parse(uri).scheme === 'file') {
          try {
            files.push({ uri, text: fs.readFileSync(URI.parse(uri).fsPath, 'utf8') });
          } catch {
            /* gone since it was indexed */
          }
        }
      }
      return planConflictEdits({ request: params, files, roots: workspaceRoots, schemaText: standaloneSchema });
    }),
  ),
);

connection.onRequest(
  requestType(KindsRequest),
  served(guard('kinds', [], () => KINDS.filter((k) => service.store.hasKind(k.id)).map((k) => ({ id: k.id, title: k.title })))),
);

connection.onRequest(
  requestType(SetKindRequest),
  served(
    guard('set kind', null, (params) => {
      service.setKindOverride(params.uri, params.kind ?? undefined);
      offThread.setKind(params.uri, params.kind ?? undefined);
      const doc = documents.get(params.uri);
      if (doc) queue.runNow(doc.uri);
      return null;
    }),
  ),
);

documents.listen(connection);
connection.listen();
