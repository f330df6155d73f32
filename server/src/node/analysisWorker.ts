/**
 * Worker-thread entry (bundled as dist/analysisWorker.js): analyses the large
 * documents the server hands over (see offThread.ts) with its own
 * AmlLanguageService, over a mirror of the main thread's workspace index
 * (workspaceMirror.ts) whose associations (which workspace spec a file
 * belongs to, workspace/association.ts) come from a snapshot decided on the
 * main thread (workspace/snapshot.ts); the diagnostics answer carries the
 * document's index facts, so the server indexes it without parsing it again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type AmlConfig } from '../core/config';
import type { TextSource } from '../core/types';
import { AmlLanguageService } from '../service';
import { capDiagnostics, type WorkerRequest, type WorkerResponse } from './offThread';
import { SnapshotView } from '../workspace/snapshot';
import { summarize } from '../workspace/summary';
import type { WorkspaceView } from '../workspace/view';
import { NodeFileSystem } from './fileSystem';
import { RepoConfigReader } from './repoConfig';
import { WorkspaceMirror } from './workspaceMirror';

const repoConfig = new RepoConfigReader();
let userConfig: Partial<AmlConfig> = {};

function configFor(uri: string): AmlConfig {
  let repo: Partial<AmlConfig> = {};
  if (uri.startsWith('file:')) {
    try {
      repo = repoConfig.forFile(fileURLToPath(uri)).config;
    } catch {
      /* not a local path */
    }
  }
  return mergeConfig(repo, userConfig);
}

// The main thread's workspace index, mirrored (workspaceMirror.ts): cross-file rules and navigation work here too.
const mirror = new WorkspaceMirror();
// Which workspace a file belongs to is decided on the main thread (explicit comment or configuration, folders, the single one of the repository).
let associations: SnapshotView | undefined;
const fs = new NodeFileSystem();
const view: WorkspaceView = {
  get ready() {
    return mirror.ready;
  },
  workspaceFor: (uri) => (associations ? associations.workspaceFor(uri) : undefined),
  association: (uri) =>
    associations ? associations.association(uri) : { how: 'none', reason: 'The workspace of this file is not known yet.' },
  specs: (kinds) => mirror.specs(kinds),
  byName: (kinds, name) => mirror.byName(kinds, name),
  specsIn: (uri) => mirror.specs().filter((s) => s.uri === uri),
  covers: (uri) => mirror.covers(uri),
  exists: (uri) => mirror.exists(uri),
  stat: (uri) => mirror.stat(uri),
  references: () => mirror.references(),
};
const service = new AmlLanguageService({
  getConfig: configFor,
  incrementalParse: true,
  budgetMs: (workerData as { budgetMs?: number } | undefined)?.budgetMs,
  workspace: view,
});
const texts = new Map<string, TextSource>();

/** The arguments after the document of a service method, as the main thread sent them. */
type ArgsOf<M extends keyof AmlLanguageService> = AmlLanguageService[M] extends (doc: TextSource, ...rest: infer R) => unknown ? R : never;

function answer(method: string, doc: TextSource, args: unknown[]): unknown {
  switch (method) {
    case 'diagnostics': {
      const analysis = service.analyze(doc);
      const facts = summarize(doc.uri, doc.text, analysis.config, analysis.file);
      return {
        diagnostics: capDiagnostics(analysis.diagnostics),
        detection: analysis.docs.find((d) => d.detection)?.detection,
        ruleFailures: analysis.ruleFailures,
        facts,
      };
    }
    case 'complete':
      return service.complete(doc, ...(args as ArgsOf<'complete'>));
    case 'hover':
      return service.hover(doc, ...(args as ArgsOf<'hover'>));
    case 'codeActions':
      return service.codeActions(doc, ...(args as ArgsOf<'codeActions'>));
    case 'documentSymbols':
      return service.documentSymbols(doc);
    case 'definition':
      return service.definition(doc, ...(args as ArgsOf<'definition'>));
    case 'references':
      return service.references(doc, ...(args as ArgsOf<'references'>));
    case 'prepareRename':
      return service.prepareRename(doc, ...(args as ArgsOf<'prepareRename'>));
    case 'rename':
      return service.rename(doc, ...(args as ArgsOf<'rename'>));
    default:
      throw new Error(`unknown method ${method}`);
  }
}

parentPort!.on('message', (m: WorkerRequest) => {
  switch (m.op) {
    case 'workspace':
    case 'workspaceReady':
      mirror.apply(m);
      // Cross-file findings may change: analyses are redone on the next request.
      service.invalidate();
      break;
    case 'sync':
      texts.set(m.uri, { uri: m.uri, version: m.version, text: m.text });
      break;
    case 'close':
      texts.delete(m.uri);
      service.forget(m.uri);
      break;
    case 'config':
      userConfig = m.userConfig;
      service.invalidate();
      break;
    case 'invalidate':
      repoConfig.clear();
      service.invalidate();
      break;
    case 'associations':
      associations = new SnapshotView(m.snapshot, (uri) => fs.stat(uri));
      service.invalidate();
      break;
    case 'setKind':
      service.setKindOverride(m.uri, m.kind);
      break;
    case 'call': {
      let response: WorkerResponse;
      const doc = texts.get(m.uri);
      try {
        response = { id: m.id, result: doc ? answer(m.method, doc, m.args) : null };
      } catch (err) {
        response = { id: m.id, error: (err as Error)?.stack ?? String(err) };
      }
      parentPort!.postMessage(response);
      break;
    }
  }
});
