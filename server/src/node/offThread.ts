import { Worker } from 'node:worker_threads';
import type { Diagnostic, TextSource } from '../core/types';
import type { Detection } from '../core/detect';
import type { AmlConfig } from '../core/config';
import type { FileFacts } from '../workspace/summary';
import type { WorkspaceSnapshot } from '../workspace/workspaceIndex';
import { snapshotMessages, type MirrorMessage, type MirrorSource } from './workspaceMirror';

/**
 * Large documents are analysed in a worker thread (see `analysisWorker.ts`) so
 * that parsing and validating them never blocks the server's requests on
 * other files. The worker runs its own AmlLanguageService (with a time budget
 * per document version, `WORKER_BUDGET_MS`); this class sends it each new
 * version of a document once, then forwards calls. A worker that dies (out of
 * memory on hostile input) or exceeds the hard time limit is stopped; its
 * pending calls get their fallback, the failure is remembered for that
 * version of the document (later requests on it get the fallback at once
 * instead of starting the same work again), and the next call about another
 * version or document starts a fresh worker.
 */

/**
 * Which documents are analysed off the main thread. The YAML parser costs
 * about 10 µs per line or flow item on the machines we measure (more on a
 * busy one), so a document stays on the main thread only while both its
 * length and its count of lines and flow items keep an analysis well under
 * the 100 ms within which requests on other files must be answered.
 */
export const OFF_THREAD_CHARS = 64 * 1024;
export const OFF_THREAD_UNITS = 5_000;

/**
 * Lines, flow items and aliases of a text, counted in one pass: what the
 * parser's cost grows with (a 190 KB line of `*a,*a,...` is 66,000 items).
 */
export function parseUnits(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n , [ { * &
    if (c === 10 || c === 44 || c === 91 || c === 123 || c === 42 || c === 38) units++;
  }
  return units;
}

/** Diagnostics published per document: an editor cannot use more, and each costs the server time to send. */
export const MAX_PUBLISHED_DIAGNOSTICS = 1_000;

/** The first diagnostics of a document, and one that says how many more there are. */
export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_PUBLISHED_DIAGNOSTICS): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const shown = diagnostics.slice(0, max - 1);
  const first = diagnostics[0].range.start;
  shown.push({
    range: { start: first, end: first },
    severity: 2,
    code: 'too-many-problems',
    source: 'aml-yaml',
    message: `This file has ${diagnostics.length.toLocaleString('en-US')} problems; aml-yaml shows the first ${(max - 1).toLocaleString('en-US')} here (the command-line checker lists them all).`,
  });
  return shown;
}

export function belongsOffThread(text: string): boolean {
  return text.length > OFF_THREAD_CHARS || parseUnits(text) > OFF_THREAD_UNITS;
}
/** Time budget of one document version in the worker; then the rest is skipped with a diagnostic. */
export const WORKER_BUDGET_MS = 2_500;
/**
 * A worker call that takes longer than this stops the worker (the budget is
 * checked between phases only). `AML_YAML_WORKER_TIMEOUT_MS` overrides it
 * (slow machines; tests).
 */
export const OFF_THREAD_TIMEOUT_MS =
  Number(process.env.AML_YAML_WORKER_TIMEOUT_MS) > 0 ? Number(process.env.AML_YAML_WORKER_TIMEOUT_MS) : 20_000;
/** Heap of the worker; a document that needs more fails (once per version) instead of exhausting the machine. */
export const WORKER_HEAP_MB = 1024;

export interface WorkerDiagnostics {
  diagnostics: Diagnostic[];
  detection?: Detection;
  ruleFailures: Array<{ rule: string; error: string }>;
  /** The document's workspace index facts (absent in fallbacks). */
  facts?: FileFacts;
}

/** Service methods the worker answers: name -> [arguments after the document, result]. */
export interface WorkerMethods {
  diagnostics: [[], WorkerDiagnostics];
  complete: [[position: unknown], unknown];
  hover: [[position: unknown], unknown];
  codeActions: [[range: unknown, diagnostics: unknown], unknown];
  documentSymbols: [[], unknown];
  definition: [[position: unknown], unknown];
  references: [[position: unknown, includeDeclaration: boolean], unknown];
  prepareRename: [[position: unknown], unknown];
  rename: [[position: unknown, newName: string], unknown];
}

export type WorkerRequest =
  | MirrorMessage
  | { op: 'sync'; uri: string; version: number; text: string }
  | { op: 'close'; uri: string }
  | { op: 'config'; userConfig: Partial<AmlConfig> }
  | { op: 'invalidate' }
  | { op: 'setKind'; uri: string; kind?: string }
  | { op: 'associations'; snapshot: WorkspaceSnapshot }
  | { op: 'call'; id: number; uri: string; method: keyof WorkerMethods; args: unknown[] };

export type WorkerResponse = { id: number; result?: unknown; error?: string };

interface PendingCall {
  resolve: (value: unknown) => void;
  fallback: (reason: string) => unknown;
  timer: NodeJS.Timeout;
  doc: TextSource;
  /** Sends the call again to a fresh worker (when another call took the worker down). */
  retry: () => void;
}

export class OffThreadAnalysis {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  /** Version of each document the current worker holds. */
  private readonly synced = new Map<string, number>();
  /** Document versions whose analysis killed the worker or ran out of time, with the reason. */
  private readonly failed = new Map<string, { version: number; reason: string }>();
  /** Workers started (the bench and tests read it). */
  started = 0;
  private userConfig: Partial<AmlConfig> = {};
  private readonly kinds = new Map<string, string>();
  private snapshot: WorkspaceSnapshot | undefined;

  private workspace: MirrorSource | undefined;

  constructor(
    private readonly workerFile: string,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * The main thread's workspace index: the worker keeps a copy of it (a
   * snapshot when it starts, then every change), so that documents analysed
   * there get cross-file rules and navigation too.
   */
  setWorkspace(source: MirrorSource): void {
    this.workspace = source;
    source.onDidChange((changes) => {
      if (!this.worker) return;
      const files = changes.map((c) => ({ uri: c.uri, specs: c.after?.specs ?? [], refs: c.after?.refs ?? [] }));
      this.worker.postMessage({
        op: 'workspace',
        roots: [...source.rootUris],
        ready: source.ready,
        reset: false,
        files,
      } satisfies WorkerRequest);
    });
  }

  /** The index's roots or readiness changed (indexing started or ended). */
  workspaceReady(): void {
    if (!this.worker || !this.workspace) return;
    this.worker.postMessage({
      op: 'workspaceReady',
      roots: [...this.workspace.rootUris],
      ready: this.workspace.ready,
    } satisfies WorkerRequest);
  }

  /** Calls a service method on a document in the worker; `fallback` answers when the worker fails. */
  call<M extends keyof WorkerMethods>(
    doc: TextSource,
    method: M,
    args: WorkerMethods[M][0],
    fallback: (reason: string) => WorkerMethods[M][1],
  ): Promise<WorkerMethods[M][1]> {
    if (this.disposed) return Promise.resolve(fallback('the server is shutting down'));
    const failure = this.failed.get(doc.uri);
    if (failure) {
      if (failure.version === doc.version) return Promise.resolve(fallback(failure.reason));
      this.failed.delete(doc.uri);
    }
    const worker = this.ensureWorker();
    if (this.synced.get(doc.uri) !== doc.version) {
      worker.postMessage({ op: 'sync', uri: doc.uri, version: doc.version, text: doc.text } satisfies WorkerRequest);
      this.synced.set(doc.uri, doc.version);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.stop(`the analysis took longer than ${OFF_THREAD_TIMEOUT_MS / 1000} s`), OFF_THREAD_TIMEOUT_MS);
      const retry = () => void this.call(doc, method, args, fallback).then(resolve);
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, fallback, timer, doc, retry });
      worker.postMessage({ op: 'call', id, uri: doc.uri, method, args } satisfies WorkerRequest);
    });
  }

  /** Whether the worker holds a document (it was large at some point). */
  has(uri: string): boolean {
    return this.synced.has(uri);
  }

  /** Whether this version of the document already failed in the worker (its fallback stands). */
  hasFailed(uri: string, version: number): boolean {
    return this.failed.get(uri)?.version === version;
  }

  close(uri: string): void {
    this.failed.delete(uri);
    if (!this.synced.delete(uri)) return;
    this.worker?.postMessage({ op: 'close', uri } satisfies WorkerRequest);
  }

  setUserConfig(userConfig: Partial<AmlConfig>): void {
    this.userConfig = userConfig;
    this.worker?.postMessage({ op: 'config', userConfig } satisfies WorkerRequest);
  }

  invalidate(): void {
    this.worker?.postMessage({ op: 'invalidate' } satisfies WorkerRequest);
  }

  /**
   * Which workspace the open documents and the specs the cross-file rules
   * read belong to (workspace/association.ts, decided on the main thread; sent
   * again to a restarted worker). The mirror above holds every spec.
   */
  setAssociations(snapshot: WorkspaceSnapshot): void {
    this.snapshot = snapshot;
    this.worker?.postMessage({ op: 'associations', snapshot } satisfies WorkerRequest);
  }

  setKind(uri: string, kind: string | undefined): void {
    if (kind) this.kinds.set(uri, kind);
    else this.kinds.delete(uri);
    this.worker?.postMessage({ op: 'setKind', uri, kind } satisfies WorkerRequest);
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    this.stop('the server is shutting down');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A small young generation: the worker's garbage is collected often instead of growing the process.
    const worker = new Worker(this.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
      workerData: { budgetMs: WORKER_BUDGET_MS },
    });
    this.started++;
    worker.unref();
    worker.on('message', (m: WorkerResponse) => {
      const call = this.calls.get(m.id);
      if (!call) return;
      this.calls.delete(m.id);
      clearTimeout(call.timer);
      if (m.error !== undefined) {
        this.log(`aml-yaml: analysis worker call failed: ${m.error}`);
        call.resolve(call.fallback('the analysis failed'));
      } else call.resolve(m.result);
    });
    worker.on('error', (err) => {
      const reason = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(err as NodeJS.ErrnoException).code} ${err.message}`)
        ? 'the analysis ran out of memory'
        : 'the analysis failed';
      this.log(`aml-yaml: analysis worker stopped: ${err.stack ?? err.message}`);
      this.onGone(worker, reason);
    });
    worker.on('exit', () => this.onGone(worker, 'the analysis stopped'));
    worker.postMessage({ op: 'config', userConfig: this.userConfig } satisfies WorkerRequest);
    for (const [uri, kind] of this.kinds) worker.postMessage({ op: 'setKind', uri, kind } satisfies WorkerRequest);
    if (this.workspace) for (const m of snapshotMessages(this.workspace)) worker.postMessage(m satisfies WorkerRequest);
    if (this.snapshot) worker.postMessage({ op: 'associations', snapshot: this.snapshot } satisfies WorkerRequest);
    this.worker = worker;
    return worker;
  }

  private stop(reason: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.onGone(worker, reason);
    void worker.terminate();
  }

  private onGone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.synced.clear();
    // The worker answers calls in order: the oldest pending one is the one it was working on. That
    // document version is not tried again; the calls queued behind it go to a fresh worker.
    const calls = [...this.calls.entries()].sort((a, b) => a[0] - b[0]);
    this.calls.clear();
    calls.forEach(([, call], i) => {
      clearTimeout(call.timer);
      if (i === 0 || this.disposed) {
        if (!this.disposed) {
          this.failed.set(call.doc.uri, { version: call.doc.version, reason });
          this.log(`aml-yaml: ${reason} on version ${call.doc.version} of ${call.doc.uri}; its requests get no answer until it changes.`);
        }
        call.resolve(call.fallback(reason));
      } else call.retry();
    });
  }
}
