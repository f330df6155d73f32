import { Worker } from 'node:worker_threads';
import type { Diagnostic, TextSource } from '../core/types';
import type { Detection } from '../core/detect';
import type { AmlConfig } from '../core/config';
import type { FileFacts } from '../workspace/summary';
import type { WorkspaceSnapshot } from '../workspace/workspaceIndex';

/**
 * Large documents are analysed in a worker thread (see `analysisWorker.ts`) so
 * that parsing and validating them never blocks the server's requests on
 * other files. The worker runs its own AmlLanguageService; this class sends it
 * each new version of a document once, then forwards calls. A worker that dies
 * (out of memory on hostile input) or exceeds the time limit is stopped; its
 * pending calls get their fallback and the next call starts a fresh worker.
 */

/** Documents with more characters than this are analysed off the main thread. */
export const OFF_THREAD_CHARS = 200_000;
/** A worker call that takes longer than this stops the worker. */
export const OFF_THREAD_TIMEOUT_MS = 60_000;

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
  | { op: 'sync'; uri: string; version: number; text: string }
  | { op: 'close'; uri: string }
  | { op: 'config'; userConfig: Partial<AmlConfig> }
  | { op: 'invalidate' }
  | { op: 'setKind'; uri: string; kind?: string }
  | { op: 'workspace'; snapshot: WorkspaceSnapshot }
  | { op: 'call'; id: number; uri: string; method: keyof WorkerMethods; args: unknown[] };

export type WorkerResponse = { id: number; result?: unknown; error?: string };

interface PendingCall {
  resolve: (value: unknown) => void;
  fallback: (reason: string) => unknown;
  timer: NodeJS.Timeout;
}

export class OffThreadAnalysis {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  /** Version of each document the current worker holds. */
  private readonly synced = new Map<string, number>();
  private userConfig: Partial<AmlConfig> = {};
  private readonly kinds = new Map<string, string>();
  private snapshot: WorkspaceSnapshot | undefined;

  constructor(
    private readonly workerFile: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Calls a service method on a document in the worker; `fallback` answers when the worker fails. */
  call<M extends keyof WorkerMethods>(doc: TextSource, method: M, args: WorkerMethods[M][0], fallback: (reason: string) => WorkerMethods[M][1]): Promise<WorkerMethods[M][1]> {
    const worker = this.ensureWorker();
    if (this.synced.get(doc.uri) !== doc.version) {
      worker.postMessage({ op: 'sync', uri: doc.uri, version: doc.version, text: doc.text } satisfies WorkerRequest);
      this.synced.set(doc.uri, doc.version);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.stop(`the analysis took longer than ${OFF_THREAD_TIMEOUT_MS / 1000} s`), OFF_THREAD_TIMEOUT_MS);
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, fallback, timer });
      worker.postMessage({ op: 'call', id, uri: doc.uri, method, args } satisfies WorkerRequest);
    });
  }

  /** Whether the worker holds a document (it was large at some point). */
  has(uri: string): boolean {
    return this.synced.has(uri);
  }

  close(uri: string): void {
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

  /** What the worker's cross-file rules see (sent again to a restarted worker). */
  setWorkspace(snapshot: WorkspaceSnapshot): void {
    this.snapshot = snapshot;
    this.worker?.postMessage({ op: 'workspace', snapshot } satisfies WorkerRequest);
  }

  setKind(uri: string, kind: string | undefined): void {
    if (kind) this.kinds.set(uri, kind);
    else this.kinds.delete(uri);
    this.worker?.postMessage({ op: 'setKind', uri, kind } satisfies WorkerRequest);
  }

  dispose(): void {
    this.stop('the server is shutting down');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
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
      const reason = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(err as any)?.code} ${err.message}`) ? 'the analysis ran out of memory' : 'the analysis failed';
      this.log(`aml-yaml: analysis worker stopped: ${err.stack ?? err.message}`);
      this.onGone(worker, reason);
    });
    worker.on('exit', () => this.onGone(worker, 'the analysis stopped'));
    worker.postMessage({ op: 'config', userConfig: this.userConfig } satisfies WorkerRequest);
    for (const [uri, kind] of this.kinds) worker.postMessage({ op: 'setKind', uri, kind } satisfies WorkerRequest);
    if (this.snapshot) worker.postMessage({ op: 'workspace', snapshot: this.snapshot } satisfies WorkerRequest);
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
    for (const [id, call] of this.calls) {
      clearTimeout(call.timer);
      this.calls.delete(id);
      call.resolve(call.fallback(reason));
    }
  }
}
