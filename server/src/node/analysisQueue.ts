/**
 * When the server analyses a changed document: as soon as the messages
 * already received have been handled, and only the latest version. The LSP
 * connection handles one message per turn of the event loop, so a burst of
 * `didChange` notifications arrives one per turn: an analysis waits until a
 * turn passes without a new change to its document (at most
 * `COALESCE_MAX_MS`, so that a client that never pauses is still answered),
 * then runs once for the latest text. A request queued behind the burst is
 * answered after the burst, not after one analysis per version.
 *
 * While an analysis runs (in the worker, for large documents) a change marks
 * the document dirty and it is analysed again when that run ends. After a run
 * slower than `SLOW_ANALYSIS_MS` the next waits as long again, so that typing
 * in a document that is slow to analyse leaves time for other requests.
 */

export const COALESCE_MAX_MS = 250;
export const SLOW_ANALYSIS_MS = 250;
/**
 * Within a burst (changes less than this apart) an analysis also waits until
 * the document has been quiet this long: the messages of a burst do not all
 * arrive in one read. A lone keystroke is analysed at once.
 */
export const QUIET_MS = 20;

export interface QueueHooks {
  /** A value that changes with every edit of the document; undefined once it is closed. */
  stamp(uri: string): unknown;
  /** Analyses the document's current text and publishes the result. */
  analyse(uri: string): Promise<void> | void;
  /** Time source (tests). */
  now?: () => number;
}

interface Pending {
  cancel(): void;
}

export class AnalysisQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly lastRun = new Map<string, { end: number; cost: number }>();
  private readonly lastChange = new Map<string, number>();
  private readonly inBurst = new Set<string>();
  private readonly now: () => number;
  /** Analyses started (tests and the bench count them). */
  runs = 0;

  constructor(private readonly hooks: QueueHooks) {
    this.now = hooks.now ?? (() => performance.now());
  }

  /** The document changed (or needs analysing again). */
  schedule(uri: string): void {
    const at = this.now();
    const previous = this.lastChange.get(uri);
    if (previous !== undefined && at - previous < QUIET_MS) this.inBurst.add(uri);
    else this.inBurst.delete(uri);
    this.lastChange.set(uri, at);
    if (this.running.has(uri)) {
      this.dirty.add(uri);
      return;
    }
    if (this.pending.has(uri)) return; // the pending attempt sees the new text
    const last = this.lastRun.get(uri);
    const wait = last && last.cost > SLOW_ANALYSIS_MS ? last.end + last.cost - this.now() : 0;
    const since = this.now();
    const attempt = (seen: unknown, turns: number) => {
      const stamp = this.hooks.stamp(uri);
      if (stamp === undefined) {
        this.pending.delete(uri);
        return;
      }
      // Another message about this document was handled since the last turn (or this is the first
      // turn, before the connection handled the messages queued behind this one): wait a turn. In a
      // burst, wait for QUIET_MS without changes.
      const now = this.now();
      const quiet = now - (this.lastChange.get(uri) ?? 0);
      const burst = this.inBurst.has(uri) && quiet < QUIET_MS;
      if ((turns === 0 || stamp !== seen || burst) && now - since < COALESCE_MAX_MS) {
        if (burst && turns > 0) {
          const t = setTimeout(() => attempt(stamp, turns + 1), QUIET_MS - quiet);
          this.pending.set(uri, { cancel: () => clearTimeout(t) });
        } else {
          const t = setImmediate(() => attempt(stamp, turns + 1));
          this.pending.set(uri, { cancel: () => clearImmediate(t) });
        }
        return;
      }
      this.pending.delete(uri);
      void this.run(uri);
    };
    if (wait > 0) {
      const t = setTimeout(() => attempt(this.hooks.stamp(uri), 0), wait);
      this.pending.set(uri, { cancel: () => clearTimeout(t) });
    } else {
      const stamp = this.hooks.stamp(uri);
      const t = setImmediate(() => attempt(stamp, 0));
      this.pending.set(uri, { cancel: () => clearImmediate(t) });
    }
  }

  /** Analyses now (a kind was chosen for the file), unless a run is in progress. */
  runNow(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    if (this.running.has(uri)) this.dirty.add(uri);
    else void this.run(uri);
  }

  /** The document was closed: forget everything about it. */
  cancel(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    this.dirty.delete(uri);
    this.lastRun.delete(uri);
    this.lastChange.delete(uri);
    this.inBurst.delete(uri);
  }

  isBusy(uri: string): boolean {
    return this.pending.has(uri) || this.running.has(uri);
  }

  private async run(uri: string): Promise<void> {
    const started = this.now();
    this.running.add(uri);
    this.runs++;
    try {
      await this.hooks.analyse(uri);
    } catch {
      /* the hook reports its own failures */
    } finally {
      this.running.delete(uri);
      if (this.hooks.stamp(uri) !== undefined) this.lastRun.set(uri, { end: this.now(), cost: this.now() - started });
      if (this.dirty.delete(uri)) this.schedule(uri);
    }
  }
}
