import os from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AmlConfig } from '../core/config';
import type { IndexParser, ParseOutcome } from '../workspace/workspaceIndex';
import type { IndexWorkerMessage, IndexWorkerRequest } from './indexWorker';

/**
 * A pool of worker threads (indexWorker.ts) that read and parse the files of
 * the workspace index, one batch of files per message. Each batch runs under
 * a budget: a worker that exceeds it is stopped, as is one that dies (out of
 * memory on hostile input); its batch is retried file by file in a fresh
 * worker, and a file that stops a worker alone is reported as failed (the
 * index turns that into a diagnostic on the file). Idle workers exit after a
 * while, so a quiet server keeps no parser heaps.
 */

export interface PoolOptions {
  /** Worker threads (default: the available cores, at most 2). */
  size?: number;
  /** A batch that takes longer than this stops its worker. */
  budgetMs?: number;
  /** Heap limits of each worker. */
  resourceLimits?: ResourceLimits;
  /** Idle workers exit after this long. */
  idleMs?: number;
  log?: (message: string) => void;
}

export const INDEX_BUDGET_MS = 20_000;

interface Job {
  uris: readonly string[];
  maxBytes: number;
  roots: readonly string[];
  cancelled?: () => boolean;
  done: (results: ParseOutcome[]) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs posted to the worker, oldest first (the worker runs them in order; the first one's budget is running). */
  jobs: Array<{ id: number; job: Job }>;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  gone: boolean;
}

/** Jobs posted to a worker ahead of the one it runs, so that it never waits for the main thread between batches. */
const DEPTH = 2;
/** Batches waiting before another worker starts: a small repository is read by one (each worker costs 30 to 40 MB). */
const SPAWN_BACKLOG = 8;

export class IndexWorkerPool implements IndexParser {
  private readonly size: number;
  private readonly budgetMs: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private userConfig: Partial<AmlConfig> = {};
  private disposed = false;
  /** Workers started so far (for tests and logs). */
  started = 0;

  constructor(
    private readonly workerFile: string,
    private readonly options: PoolOptions = {},
  ) {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    this.size = Math.max(1, options.size ?? Math.min(2, cores));
    this.budgetMs = options.budgetMs ?? INDEX_BUDGET_MS;
    this.idleMs = options.idleMs ?? 5_000;
  }

  /**
   * A pool tuned by the environment, for unusual machines and tests:
   * AML_YAML_INDEX_WORKERS (threads), AML_YAML_INDEX_BUDGET_MS (per batch),
   * AML_YAML_INDEX_WORKER_HEAP_MB (old generation of each worker).
   */
  static fromEnvironment(workerFile: string, log: (message: string) => void, env: NodeJS.ProcessEnv = process.env): IndexWorkerPool {
    const num = (name: string) => (Number(env[name]) > 0 ? Number(env[name]) : undefined);
    const heap = num('AML_YAML_INDEX_WORKER_HEAP_MB');
    return new IndexWorkerPool(workerFile, {
      size: num('AML_YAML_INDEX_WORKERS'),
      budgetMs: num('AML_YAML_INDEX_BUDGET_MS'),
      resourceLimits: heap ? { maxOldGenerationSizeMb: heap } : undefined,
      log,
    });
  }

  parse(
    uris: readonly string[],
    options: { maxBytes: number; roots: readonly string[]; cancelled?: () => boolean },
  ): Promise<ParseOutcome[]> {
    if (!uris.length || this.disposed) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.queue.push({ uris, maxBytes: options.maxBytes, roots: options.roots, cancelled: options.cancelled, done: resolve });
      this.pump();
    });
  }

  /** Starts a worker now (a walk begins: it loads while folders are listed); more start when batches pile up. */
  warm(): void {
    if (!this.disposed && !this.slots.length) this.spawn();
  }

  setUserConfig(userConfig: Partial<AmlConfig>): void {
    this.userConfig = userConfig;
    for (const s of this.slots) s.worker.postMessage({ op: 'config', userConfig } satisfies IndexWorkerRequest);
  }

  /** Configuration files changed: workers read them again. */
  invalidate(): void {
    this.setUserConfig(this.userConfig);
  }

  dispose(): void {
    this.disposed = true;
    for (const s of [...this.slots]) this.retire(s);
    for (const job of this.queue.splice(0)) job.done([]);
  }

  private pump(): void {
    while (this.queue.length) {
      // The least busy ready worker; a new one while the pool is not full and every worker is busy.
      const ready = this.slots.filter((s) => s.ready && s.jobs.length < DEPTH).sort((a, b) => a.jobs.length - b.jobs.length);
      const starting = this.slots.some((s) => !s.ready);
      const idle = this.slots.some((s) => s.ready && !s.jobs.length);
      if (this.slots.length < this.size && !starting && !idle && (!this.slots.length || this.queue.length >= SPAWN_BACKLOG)) this.spawn();
      const slot = ready[0];
      if (!slot) return;
      const job = this.queue.shift()!;
      if (job.cancelled?.()) {
        job.done([]);
        continue;
      }
      this.post(slot, job);
    }
    // Nothing queued: let idle workers go after a while.
    for (const s of this.slots) {
      if (!s.jobs.length && !s.idle && s.ready) {
        s.idle = setTimeout(() => this.retire(s), this.idleMs);
        s.idle.unref();
      }
    }
  }

  private post(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = undefined;
    const id = this.nextId++;
    slot.jobs.push({ id, job });
    if (slot.jobs.length === 1) this.startBudget(slot);
    slot.worker.postMessage({
      op: 'parse',
      id,
      uris: [...job.uris],
      maxBytes: job.maxBytes,
      roots: [...job.roots],
    } satisfies IndexWorkerRequest);
  }

  /** The budget of the job the worker runs now. */
  private startBudget(slot: Slot): void {
    clearTimeout(slot.timer);
    const head = slot.jobs[0];
    if (!head) return;
    slot.timer = setTimeout(() => {
      this.options.log?.(
        `aml-yaml: an indexing worker took longer than ${this.budgetMs / 1000} s on ${head.job.uris.length} file(s); stopping it.`,
      );
      this.stop(slot, `reading and parsing it took longer than ${this.budgetMs / 1000} s`);
    }, this.budgetMs);
  }

  private spawn(): void {
    // A young generation of 24 MB (V8's default is about 48 MB): parsing garbage is collected sooner, keeping the process's RSS down.
    const worker = new Worker(this.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 24, ...this.options.resourceLimits },
    });
    worker.unref();
    this.started++;
    const slot: Slot = { worker, ready: false, jobs: [], gone: false };
    this.slots.push(slot);
    worker.postMessage({ op: 'config', userConfig: this.userConfig } satisfies IndexWorkerRequest);
    worker.on('message', (m: IndexWorkerMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        this.pump();
        return;
      }
      if (slot.jobs[0]?.id !== m.id) return;
      const { job } = slot.jobs.shift()!;
      this.startBudget(slot);
      job.done(m.results);
      this.pump();
    });
    worker.on('error', (err) => {
      const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(err as NodeJS.ErrnoException)?.code} ${err.message}`);
      this.options.log?.(`aml-yaml: an indexing worker stopped: ${err.message}`);
      this.stop(slot, oom ? 'reading and parsing it ran out of memory' : 'the indexing worker failed on it');
    });
    worker.on('exit', () => this.stop(slot, 'the indexing worker stopped on it'));
  }

  /** Stops a worker; the batch it ran is retried file by file (or fails when it held one file), the ones after it go back in line. */
  private stop(slot: Slot, reason: string): void {
    if (slot.gone) return;
    const [head, ...rest] = slot.jobs;
    this.retire(slot);
    this.queue.unshift(...rest.map((r) => r.job));
    if (head) this.fail(head.job, reason);
    if (!this.disposed) this.pump();
  }

  private retire(slot: Slot): void {
    if (slot.gone) return;
    slot.gone = true;
    clearTimeout(slot.timer);
    if (slot.idle) clearTimeout(slot.idle);
    slot.jobs = [];
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private fail(job: Job, reason: string): void {
    if (job.uris.length === 1) {
      job.done([{ uri: job.uris[0], failed: reason }]);
      return;
    }
    // Retry each file alone (first in line), then give the results back as one batch.
    const results: ParseOutcome[] = [];
    let left = job.uris.length;
    const singles = job.uris.map((uri): Job => ({
      uris: [uri],
      maxBytes: job.maxBytes,
      roots: job.roots,
      done: (r) => {
        results.push(...(r.length ? r : [{ uri }]));
        if (--left === 0) job.done(results);
      },
    }));
    this.queue.unshift(...singles);
  }
}
