import picomatch from 'picomatch';
import { DEFAULT_CONFIG, type AmlConfig } from '../core/config';
import { LIMITS, type ParsedFile } from '../core/document';
import { associate, associationKey, WORKSPACE_KINDS, type Association, type AssociationState, type ExplicitWorkspace } from './association';
import type { FileSystem, FileType } from './fs';
import { PathTree } from './pathTree';
import { SpecTableView, type FileSpecs } from './specTable';
import { signatureOf, summarize, unpackFacts, type FileFacts, type PackedFacts, type WorkspaceComment } from './summary';
import { dirOf, isUnder, normalizeUri, parentOf } from './uri';
import type { SpecSummary, WorkspaceView } from './view';

export interface IndexOptions {
  fs: FileSystem;
  /** Globs (relative to a root, like VS Code's `files.exclude`) left out of the index. */
  exclude?: string[];
  /** Settings per file (the `fileKinds` globs decide kinds the content cannot tell). */
  getConfig?: (uri: string) => AmlConfig;
  /** Work done before yielding to the event loop while indexing on this thread, in ms. */
  sliceMs?: number;
  /** Files larger than this are not indexed (bytes). */
  maxFileSize?: number;
  /** Reads and summarises files off the main thread (node/indexPool.ts); without one the index does it in slices here. */
  parser?: IndexParser;
  /** Files per parser call. */
  batchSize?: number;
  /** `"workspace"` of the nearest `.aml-yaml.json` above a file. */
  explicitWorkspace?: (uri: string) => ExplicitWorkspace | undefined;
}

/** What reading and summarising one file gave. */
export interface ParseOutcome {
  uri: string;
  /** Undefined when the file was not read (gone, not a regular file, too large, a link out of the roots). */
  facts?: FileFacts;
  /** The facts as a worker sends them (summary.ts `packFacts`). */
  packed?: PackedFacts;
  /** Why reading or parsing stopped (the worker died or ran over its budget): reported on the file. */
  failed?: string;
}

/** Reads and summarises files elsewhere (worker threads). */
export interface IndexParser {
  /** Called when a walk starts: get ready (start worker threads) while folders are listed. */
  warm?(): void;
  parse(
    uris: readonly string[],
    options: { maxBytes: number; roots: readonly string[]; cancelled?: () => boolean },
  ): Promise<ParseOutcome[]>;
}

export interface IndexProgress {
  phase: 'scan' | 'parse' | 'done';
  /** Files parsed (parse), folders read (scan). */
  done: number;
  /** Files to parse (known once the scan is over). */
  total: number;
}

/** What one update changed: the file's specs and references before and after. */
export interface IndexChange {
  uri: string;
  before: FileEntry | undefined;
  after: FileEntry | undefined;
  /** Some file's workspace may have changed (workspace specs, comments or configuration). */
  associations?: boolean;
  /** A path appeared or disappeared (any file or folder: `code:` folders, scoring scripts, conda files). */
  path?: boolean;
  /** Key of the workspace the changed file's specs belonged to before the change. */
  ownerBefore?: string;
}

export interface FileEntry {
  uri: string;
  open: boolean;
  version?: number;
  /** Open documents: their text (an unchanged text is not summarised again). */
  text?: string;
  facts: FileFacts;
}

export interface FileEvent {
  uri: string;
  type: 'created' | 'changed' | 'deleted';
}

/** What a thread without the index (node/analysisWorker.ts) needs for cross-file rules: see snapshot.ts. */
export interface WorkspaceSnapshot {
  /** Associations of the documents analysed there. */
  associations: Record<string, Association>;
  /** Specs of the kinds cross-file rules read, each with the key (`uri#docIndex`) of its workspace spec. */
  specs: Array<SpecSummary & { owner?: string }>;
  ready: boolean;
}

export const DEFAULT_EXCLUDES = ['**/node_modules', '**/.git'];
const YAML_FILE = /\.ya?ml$/i;
/**
 * YAML that is never an Azure ML spec: GitHub's workflows, issue templates
 * and dependabot settings. Its paths are recorded; it is not parsed (a third
 * of azureml-examples' YAML files). An open document there is analysed as usual.
 */
const NOT_SPECS = /\/\.github(\/|$)/;

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The repository's Azure ML specs: kind, name, version, location, the facts
 * cross-file rules read, every reference each file makes, the paths of
 * every file and folder (for `missing-file`), and which workspace spec each
 * file belongs to (association.ts). Built by a walk of the workspace folders
 * whose files are read and parsed off the main thread (`parser`), or in
 * slices that yield to the event loop; kept current from file events (in
 * time proportional to the events) and open documents: an open document's
 * text wins over the disk.
 */
export class WorkspaceIndex extends SpecTableView implements WorkspaceView {
  private readonly fs: FileSystem;
  private readonly getConfig: (uri: string) => AmlConfig;
  private readonly sliceMs: number;
  private readonly maxFileSize: number;
  private readonly parser: IndexParser | undefined;
  private readonly batchSize: number;
  private readonly explicit: (uri: string) => ExplicitWorkspace | undefined;
  private excludeGlobs: string[] = [];
  private readonly rootExcludes = new Map<string, string[]>();
  private readonly matchers = new Map<string, (p: string) => boolean>();
  private scopes: string[] = [];
  private readonly files = new Map<string, FileEntry>();
  /** YAML files read from disk that hold no Azure ML spec (not read again by a reusing run). */
  private readonly plain = new Set<string>();
  private readonly tree = new PathTree();
  private readonly failed = new Map<string, string>();
  /**
   * The latest read started of each file whose read is in flight: reads of
   * one file may finish out of order (a close, a watcher event and the walk
   * each read it, in different worker batches), and only the latest started
   * counts; an older one finishing later is dropped, as is any read of a file
   * deleted or opened since it started.
   */
  private readonly reads = new Map<string, number>();
  private readSeq = 0;
  /** Workspace specs anywhere under each folder (every ancestor folder of each workspace spec). */
  private readonly workspacesBelow = new Map<string, Set<SpecSummary>>();
  private readonly associations = new Map<string, Association>();
  /** Association keys before the last change that could move files between workspaces. */
  private previousAssociations = new Map<string, string>();
  private readonly listeners: Array<(changes: IndexChange[]) => void> = [];
  private run = 0;
  private walked = false;
  /** Increases with every change of the index's content. */
  generation = 0;
  ready = false;

  constructor(options: IndexOptions) {
    super((kind) => WORKSPACE_KINDS.has(kind));
    this.fs = options.fs;
    this.getConfig = options.getConfig ?? (() => DEFAULT_CONFIG);
    this.sliceMs = options.sliceMs ?? 10;
    this.maxFileSize = options.maxFileSize ?? LIMITS.maxTextLength;
    this.parser = options.parser;
    this.batchSize = options.batchSize ?? 48;
    this.explicit = options.explicitWorkspace ?? (() => undefined);
    this.setExcludes(options.exclude ?? []);
  }

  /** Globs left out (like `files.exclude`), for every root or for one root. Returns whether anything changed. */
  setExcludes(globs: string[], root?: string): boolean {
    const sorted = [...new Set(globs.map((g) => g.replace(/^\.?\//, '')))].sort();
    if (root === undefined) {
      const same = sorted.join('\n') === this.excludeGlobs.join('\n');
      this.excludeGlobs = sorted;
      return !same;
    }
    const key = normalizeUri(root).replace(/\/$/, '');
    const same = sorted.join('\n') === (this.rootExcludes.get(key) ?? []).join('\n');
    this.rootExcludes.set(key, sorted);
    return !same;
  }

  /**
   * Folders that bound the "single workspace spec of the repository" rule for
   * files outside the walked roots (the CLI's checked folder).
   */
  setScopes(uris: string[]): void {
    this.scopes = uris.map((u) => normalizeUri(u).replace(/\/$/, ''));
    this.invalidateAssociations();
  }

  /** Called after every update that changed some file's specs or references. */
  onDidChange(listener: (changes: IndexChange[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // -------------------------------------------------------------------------
  // Building

  /**
   * Indexes every YAML file under the roots and records every path. Open
   * documents stay as they are; with `reuse`, files already indexed are kept
   * (a changed `files.exclude` or an added root reads only what is new), else
   * every file is read again. Resolves when done, or early (false) when a
   * newer call started or `cancelled()` says so.
   */
  async index(
    roots: string[],
    onProgress?: (p: IndexProgress) => void,
    cancelled?: () => boolean,
    options: { reuse?: boolean } = {},
  ): Promise<boolean> {
    const run = ++this.run;
    const stop = () => run !== this.run || !!cancelled?.();
    this.ready = false;
    const normalized = [...new Set(roots.map((r) => normalizeUri(r).replace(/\/$/, '')))];
    // A root inside another is walked as part of it.
    this.roots = normalized.filter((r) => !normalized.some((o) => o !== r && isUnder(r, o)));
    this.invalidateAssociations();
    this.tree.clear();
    this.walked = false;
    this.parser?.warm?.();
    const found = new Set<string>();
    const batches: Array<Promise<void>> = [];
    const changes: IndexChange[] = [];
    let parsed = 0;
    let dirs = 0;
    let sliceStart = Date.now();
    let pending: string[] = [];
    const flush = () => {
      if (!pending.length) return;
      const batch = pending;
      pending = [];
      batches.push(
        this.parseFiles(batch, stop).then((outcomes) => {
          if (stop()) return;
          for (const o of outcomes) {
            if (this.files.get(o.uri)?.open) continue;
            changes.push(...this.take(o, false));
          }
          parsed += batch.length;
          onProgress?.({ phase: 'parse', done: parsed, total: found.size });
        }),
      );
    };
    const queue = [...this.roots];
    while (queue.length) {
      const dir = queue.shift()!;
      const entries = await this.fs.readDirectory(dir);
      if (stop()) return false;
      dirs++;
      const kept: Array<[string, FileType]> = [];
      const sorted = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (let i = 0; i < sorted.length; i++) {
        const [name, type] = sorted[i];
        const segment = encodeSegment(name);
        const uri = `${dir}/${segment}`;
        if (this.excluded(uri)) continue;
        kept.push([segment, type]);
        if (type === 'directory') queue.push(uri);
        else if (YAML_FILE.test(name) && !this.notSpec(uri)) {
          found.add(uri);
          const entry = this.files.get(uri);
          if (entry?.open || (options.reuse && (entry || this.plain.has(uri)) && !this.failed.has(uri))) continue;
          pending.push(uri);
          if (pending.length >= this.batchSize) flush();
        }
        // A folder of thousands of files is listed in slices too (requests on open files wait for no slice longer than sliceMs).
        if ((i & 255) === 255 && Date.now() - sliceStart >= this.sliceMs) {
          await yieldNow();
          if (stop()) return false;
          sliceStart = Date.now();
        }
      }
      this.tree.setFolder(dir, kept);
      if (dirs % 50 === 0) onProgress?.({ phase: 'scan', done: dirs, total: 0 });
      if (Date.now() - sliceStart >= this.sliceMs) {
        await yieldNow();
        if (stop()) return false;
        sliceStart = Date.now();
      }
    }
    flush();
    this.walked = true;
    onProgress?.({ phase: 'parse', done: parsed, total: found.size });
    // Files that disappeared from the disk (or were excluded) since the last run.
    for (const uri of [...this.files.keys()]) {
      const e = this.files.get(uri)!;
      if (!e.open && !found.has(uri)) changes.push(...this.take({ uri }, false));
    }
    for (const uri of [...this.plain]) if (!found.has(uri)) this.plain.delete(uri);
    for (const uri of [...this.failed.keys()]) if (!found.has(uri)) this.failed.delete(uri);
    await Promise.all(batches);
    if (stop()) return false;
    this.ready = true;
    onProgress?.({ phase: 'done', done: found.size, total: found.size });
    this.emit(changes);
    return true;
  }

  /**
   * Reads and summarises files: off the main thread with a parser, else here
   * in slices. Returns only the outcomes of reads that are still the latest of
   * their file (`tickets`: reads started earlier by the caller, see `reads`).
   */
  private async parseFiles(uris: string[], stop: () => boolean, tickets?: Map<string, number>): Promise<ParseOutcome[]> {
    const mine = new Map<string, number>();
    for (const uri of uris) mine.set(uri, tickets?.get(uri) ?? this.beginRead(uri));
    let outcomes: ParseOutcome[] = [];
    try {
      outcomes = await this.readFiles(uris, stop);
    } finally {
      // Every read of this call is over (a cancelled walk returns fewer outcomes than files): take what is still the latest.
      const current = new Set<string>();
      for (const [uri, ticket] of mine) {
        if (this.reads.get(uri) !== ticket) continue;
        this.reads.delete(uri);
        current.add(uri);
      }
      outcomes = outcomes.filter((o) => current.has(o.uri));
    }
    return outcomes;
  }

  private beginRead(uri: string): number {
    const ticket = ++this.readSeq;
    this.reads.set(uri, ticket);
    return ticket;
  }

  /** Reads in flight of a path (a file, or the files under a folder) no longer count. */
  private dropReads(uri: string): void {
    if (!this.reads.size) return;
    this.reads.delete(uri);
    // A file (most events) costs one lookup; only a folder looks through the reads in flight.
    if (this.tree.stat(uri) === 'file') return;
    for (const u of [...this.reads.keys()]) if (isUnder(u, uri)) this.reads.delete(u);
  }

  private async readFiles(uris: string[], stop: () => boolean): Promise<ParseOutcome[]> {
    const roots = this.readRoots();
    if (this.parser) return this.parser.parse(uris, { maxBytes: this.maxFileSize, roots, cancelled: stop });
    const out: ParseOutcome[] = [];
    let sliceStart = Date.now();
    for (const uri of uris) {
      if (stop()) break;
      const text = await this.fs.readFile(uri, { maxBytes: this.maxFileSize, roots });
      out.push({ uri, facts: text === undefined ? undefined : summarize(uri, text, this.getConfig(uri)) });
      if (Date.now() - sliceStart >= this.sliceMs) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
    return out;
  }

  private readRoots(): string[] {
    return this.roots.length ? this.roots : this.scopes;
  }

  /** Applies what reading a file gave; returns the change (if any). */
  private take(o: ParseOutcome, track: boolean): IndexChange[] {
    const { uri } = o;
    if (o.failed !== undefined) this.failed.set(uri, o.failed);
    else this.failed.delete(uri);
    const facts = o.packed ? unpackFacts(uri, o.packed, this.share) : o.facts;
    if (facts && !facts.specs.length) this.plain.add(uri);
    else this.plain.delete(uri);
    const c = this.apply(uri, facts?.specs.length ? { uri, open: false, facts } : undefined, track);
    return c ? [c] : [];
  }

  /**
   * Facts from a worker arrive with a copy of every string: one copy of
   * equal kinds, keys, names and targets is kept, so that 20,000 specs and
   * their references do not hold 100,000 copies of them.
   */
  private readonly share = <T extends string | undefined>(v: T): T => {
    if (v === undefined) return v;
    const pool = this.strings;
    let hit = pool.get(v);
    if (hit === undefined) {
      if (pool.size > 200_000) pool.clear();
      pool.set(v, v);
      hit = v;
    }
    return hit as T;
  };

  private readonly strings = new Map<string, string>();

  /** Under a `.github` folder of its root (see NOT_SPECS). */
  private notSpec(uri: string): boolean {
    const root = this.scopeOf(uri);
    return NOT_SPECS.test(root ? uri.slice(root.length) : uri);
  }

  private excluded(uri: string): boolean {
    for (const root of this.roots.length ? this.roots : this.scopes) {
      if (!isUnder(uri, root) || uri === root) continue;
      const rel = decodeSafe(uri.slice(root.length + 1));
      for (const glob of [...DEFAULT_EXCLUDES, ...this.excludeGlobs, ...(this.rootExcludes.get(root) ?? [])]) {
        let m = this.matchers.get(glob);
        if (!m) {
          m = picomatch(glob, { dot: true });
          this.matchers.set(glob, m);
        }
        if (m(rel)) return true;
      }
    }
    return false;
  }

  private inRoots(uri: string): boolean {
    return this.roots.some((r) => isUnder(uri, r)) && !this.excluded(uri);
  }

  // -------------------------------------------------------------------------
  // Open documents and file events

  /** The text of an open document: it wins over the disk until closed. `parsed` is its parse, when the caller has it. */
  setOpenDocument(uri: string, text: string, version?: number, parsed?: ParsedFile): IndexChange[] {
    const key = normalizeUri(uri);
    const current = this.files.get(key);
    if (current?.open && current.text === text) {
      current.version = version;
      return [];
    }
    // With this index as the view the document is analysed with, the binding model built here is the one its analysis reuses.
    return this.setOpenFacts(key, summarize(key, text, this.getConfig(key), parsed, this), version, text);
  }

  /** An open document summarised elsewhere (a large document analysed in a worker thread). */
  setOpenFacts(uri: string, facts: FileFacts, version?: number, text?: string): IndexChange[] {
    const key = normalizeUri(uri);
    this.reads.delete(key);
    const c = this.apply(key, { uri: key, open: true, version, text, facts }, true);
    const changes = c ? [c] : [];
    this.emit(changes);
    return changes;
  }

  /** A document was closed: its disk content (if any, and if in the index's folders) counts again. */
  async closeDocument(uri: string): Promise<IndexChange[]> {
    const key = normalizeUri(uri);
    const current = this.files.get(key);
    if (!current?.open) return [];
    current.open = false;
    current.text = undefined;
    if (!this.inRoots(key) || !YAML_FILE.test(key) || this.notSpec(key)) {
      const c = this.apply(key, undefined, true);
      const changes = c ? [c] : [];
      this.emit(changes);
      return changes;
    }
    return this.applyEvents([{ uri: key, type: 'changed' }]);
  }

  /** A watched file was created, changed or deleted on disk. */
  fileChanged(uri: string, type: FileEvent['type']): Promise<IndexChange[]> {
    return this.applyEvents([{ uri, type }]);
  }

  /**
   * A batch of file events (any files: YAML specs, scoring scripts, `code:`
   * folders). Costs time in proportion to the events and to what they
   * touch: a deleted folder removes what it held, a created folder is read.
   */
  async applyEvents(events: readonly FileEvent[]): Promise<IndexChange[]> {
    const last = new Map<string, FileEvent['type']>();
    for (const e of events) {
      const key = normalizeUri(e.uri).replace(/\/$/, '');
      const was = last.get(key);
      // created + deleted = deleted; deleted + created = changed (read again).
      last.set(key, was === 'deleted' && e.type !== 'deleted' ? 'changed' : e.type);
    }
    const changes: IndexChange[] = [];
    const toRead: string[] = [];
    const tickets = new Map<string, number>();
    const probes: Array<Promise<void>> = [];
    for (const [uri, type] of last) {
      if (type === 'deleted') {
        this.dropReads(uri);
        this.removePath(uri, changes);
        continue;
      }
      if (this.files.get(uri)?.open) continue;
      if (!this.inRoots(uri)) continue;
      // The event's read starts now (its probe included): a read started earlier that finishes later no longer counts.
      const ticket = this.beginRead(uri);
      tickets.set(uri, ticket);
      probes.push(
        (this.fs.probe ? this.fs.probe(uri) : Promise.resolve(this.fs.stat(uri))).then(async (what) => {
          if (this.reads.get(uri) !== ticket) return; // a newer event or a deletion took over
          if (what === 'missing') {
            this.reads.delete(uri);
            this.removePath(uri, changes);
          } else if (what === 'directory') {
            if (this.tree.stat(uri) !== 'directory' || type === 'created') await this.addFolder(uri, toRead, changes);
          } else {
            if (this.tree.stat(uri) !== 'file') {
              this.ensurePath(uri, 'file');
              changes.push({ uri, before: undefined, after: undefined, path: true });
            }
            if (YAML_FILE.test(uri) && !this.notSpec(uri)) toRead.push(uri);
          }
        }),
      );
    }
    await Promise.all(probes);
    const reading = new Set(toRead);
    for (const [uri, ticket] of tickets) if (!reading.has(uri) && this.reads.get(uri) === ticket) this.reads.delete(uri);
    for (let i = 0; i < toRead.length; i += this.batchSize) {
      const batch = toRead.slice(i, i + this.batchSize);
      for (const o of await this.parseFiles(batch, () => false, tickets)) {
        if (this.files.get(o.uri)?.open) continue;
        changes.push(...this.take(o, true));
      }
    }
    this.emit(changes);
    return changes;
  }

  /** Reads every file of the index under a folder again (its configuration changed). */
  async refresh(dir?: string): Promise<IndexChange[]> {
    const base = dir ? normalizeUri(dir).replace(/\/$/, '') : undefined;
    const uris = [...this.files.values()].filter((e) => !e.open && (!base || isUnder(e.uri, base))).map((e) => e.uri);
    for (const u of this.plain) if (!base || isUnder(u, base)) uris.push(u);
    const changes: IndexChange[] = [];
    for (let i = 0; i < uris.length; i += this.batchSize) {
      for (const o of await this.parseFiles(uris.slice(i, i + this.batchSize), () => false)) {
        if (this.files.get(o.uri)?.open) continue;
        changes.push(...this.take(o, true));
      }
    }
    for (const doc of [...this.files.values()].filter((e) => e.open && e.text !== undefined && (!base || isUnder(e.uri, base)))) {
      const c = this.apply(doc.uri, { ...doc, facts: summarize(doc.uri, doc.text!, this.getConfig(doc.uri)) }, true);
      if (c) changes.push(c);
    }
    this.invalidateAssociations();
    changes.push({ uri: base ?? '', before: undefined, after: undefined, associations: true });
    this.emit(changes);
    return changes;
  }

  private removePath(uri: string, changes: IndexChange[]): void {
    const known = this.tree.stat(uri);
    if (known === 'file' || known === 'directory') changes.push({ uri, before: undefined, after: undefined, path: true });
    const drop = (file: string) => {
      this.plain.delete(file);
      this.failed.delete(file);
      if (this.files.get(file)?.open) return;
      const c = this.apply(file, undefined, true);
      if (c) changes.push(c);
    };
    this.tree.remove(uri, drop);
    // An indexed file the tree did not hold (outside the walked folders).
    if (this.files.has(uri)) drop(uri);
  }

  private async addFolder(dir: string, toRead: string[], changes: IndexChange[]): Promise<void> {
    this.ensurePath(dir, 'directory');
    changes.push({ uri: dir, before: undefined, after: undefined, path: true });
    const queue = [dir];
    while (queue.length) {
      const d = queue.shift()!;
      const kept: Array<[string, FileType]> = [];
      for (const [name, type] of await this.fs.readDirectory(d)) {
        const segment = encodeSegment(name);
        const uri = `${d}/${segment}`;
        if (this.excluded(uri)) continue;
        kept.push([segment, type]);
        if (type === 'directory') queue.push(uri);
        else if (YAML_FILE.test(name) && !this.notSpec(uri) && !this.files.get(uri)?.open) toRead.push(uri);
      }
      this.tree.setFolder(d, kept);
    }
  }

  /** Records a path, and the folders down to it from its root when they are new. */
  private ensurePath(uri: string, type: FileType): void {
    if (this.tree.add(uri, type)) return;
    const parent = dirOf(uri);
    if (parent === uri || (!this.inRoots(parent) && !this.roots.includes(parent))) return;
    if (!this.tree.knows(parent)) {
      if (this.roots.includes(parent)) this.tree.setFolder(parent, []);
      else this.ensurePath(parent, 'directory');
    }
    this.tree.add(uri, type);
  }

  private emit(changes: IndexChange[]): void {
    if (!changes.length) return;
    for (const l of [...this.listeners]) {
      try {
        l(changes);
      } catch {
        /* a listener's failure must not stop indexing */
      }
    }
  }

  /** Replaces a file's entry; returns the change when its specs, references or comment differ. */
  private apply(uri: string, next: FileEntry | undefined, track: boolean): IndexChange | undefined {
    const before = this.files.get(uri);
    if (next && !next.facts.specs.length && !next.open) next = undefined; // not Azure ML: nothing to keep
    if (before && next ? signatureOf(before.facts) === signatureOf(next.facts) : !before && !next) {
      // Same facts: keep the entry's objects (associations and snapshots hold them), update its state.
      if (before && next) {
        before.open = next.open;
        before.version = next.version;
        before.text = next.text;
      }
      return undefined;
    }
    const ownerBefore = track && before?.facts.specs.length ? this.ownerKey(uri) : undefined;
    // Files may change workspace when workspace specs appear, disappear or move, or a comment changes;
    // a workspace spec whose facts change keeps its files (associations pick up the new facts).
    const moves = workspaceKeys(before) !== workspaceKeys(next) || before?.facts.link?.path !== next?.facts.link?.path;
    this.associations.delete(uri);
    if (before) this.unlink(before);
    if (next) {
      this.files.set(uri, next);
      this.link(next);
    } else this.files.delete(uri);
    this.generation++;
    if (moves) this.invalidateAssociations();
    return { uri, before, after: next, associations: moves || undefined, ownerBefore };
  }

  private link(e: FileEntry): void {
    this.table.add(e.facts.specs);
    for (const s of e.facts.specs) {
      if (WORKSPACE_KINDS.has(s.kind)) {
        for (let d: string | undefined = dirOf(s.uri); d !== undefined; d = parentOf(d)) {
          const set = this.workspacesBelow.get(d);
          if (set) set.add(s);
          else this.workspacesBelow.set(d, new Set([s]));
        }
      }
    }
  }

  private unlink(e: FileEntry): void {
    this.table.remove(e.facts.specs);
    for (const s of e.facts.specs) {
      if (WORKSPACE_KINDS.has(s.kind)) {
        for (let d: string | undefined = dirOf(s.uri); d !== undefined; d = parentOf(d)) {
          const set = this.workspacesBelow.get(d);
          set?.delete(s);
          if (set && !set.size) this.workspacesBelow.delete(d);
        }
      }
    }
  }

  // -------------------------------------------------------------------------
  // Association

  /** Forgets every file's workspace (configuration files changed); dependents compare against the old ones. */
  invalidateAssociations(): void {
    if (!this.associations.size) return;
    this.previousAssociations = new Map([...this.associations].map(([uri, a]) => [uri, associationKey(a)]));
    this.associations.clear();
  }

  /** Which workspace spec a file belongs to, and why (association.ts). */
  association(uri: string): Association {
    const key = normalizeUri(uri);
    let a = this.associations.get(key);
    if (a?.workspace) {
      // The workspace spec's facts may have changed since: answer with the current ones.
      const ws = a.workspace;
      const current = this.files.get(ws.uri)?.facts.specs.find((s) => s.docIndex === ws.docIndex && WORKSPACE_KINDS.has(s.kind));
      if (!current) a = undefined;
      else if (current !== ws) {
        a = { ...a, workspace: current };
        this.associations.set(key, a);
      }
    }
    if (!a) {
      a = associate(key, this.associationState);
      this.associations.set(key, a);
    }
    return a;
  }

  private readonly associationState: AssociationState = {
    comment: (uri: string): WorkspaceComment | undefined => this.files.get(uri)?.facts.link,
    explicit: (uri: string) => this.explicit(uri),
    specsIn: (uri: string) => this.specsIn(uri),
    stat: (uri: string) => this.stat(uri),
    workspacesIn: (dir: string) => this.table.workspacesIn(dir),
    workspacesUnder: (dir: string) => [...(this.workspacesBelow.get(dir) ?? [])],
    countUnder: (dir: string) => this.workspacesBelow.get(dir)?.size ?? 0,
    scopeOf: (uri: string) => this.scopeOf(uri),
  };

  /** The innermost root (or scope) holding a file. */
  scopeOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const r of [...this.roots, ...this.scopes]) if (isUnder(uri, r) && (!best || r.length > best.length)) best = r;
    return best;
  }

  private ownerKey(uri: string): string | undefined {
    const ws = this.association(uri).workspace;
    return ws ? `${ws.uri}#${ws.docIndex}` : undefined;
  }

  /** Explicit workspace paths (comments and configuration) that name a file the index does not hold. */
  unresolvedLinks(): string[] {
    const out = new Set<string>();
    for (const e of this.files.values()) {
      const t = e.facts.link?.target;
      if (t && !this.files.has(t)) out.add(t);
      if (e.facts.specs.length) {
        const x = this.explicit(e.uri);
        if (x && !this.files.has(x.target)) out.add(x.target);
      }
    }
    return [...out];
  }

  // -------------------------------------------------------------------------
  // WorkspaceView

  workspaceFor(uri: string): SpecSummary | undefined {
    return this.association(uri).workspace;
  }

  /** The workspace specs that compete for a file (several: ambiguous). */
  workspaceCandidates(uri: string): SpecSummary[] {
    const a = this.association(uri);
    return a.candidates ?? (a.workspace ? [a.workspace] : []);
  }

  protected *fileSpecs(): Iterable<FileSpecs> {
    for (const e of this.files.values()) yield e.facts;
  }

  /** From the paths the index has seen (no disk access) inside its folders; the disk elsewhere and before the first walk ends. */
  stat(uri: string): 'file' | 'directory' | 'missing' | undefined {
    const key = normalizeUri(uri).replace(/\/$/, '');
    if (this.files.get(key)?.open) return 'file';
    if (this.walked && this.inRoots(key)) {
      const known = this.tree.stat(key);
      if (known !== undefined) return known;
    }
    return this.fs.stat(key);
  }

  /** The specs of one file. */
  specsIn(uri: string): SpecSummary[] {
    return this.files.get(normalizeUri(uri))?.facts.specs ?? [];
  }

  /** Every known file of this name (for example `.aml-yaml.json`). */
  pathsNamed(name: string): string[] {
    return this.tree.named(encodeSegment(name));
  }

  /** Files whose reading or parsing stopped (worker died or ran over budget), with the reason. */
  failures(): ReadonlyMap<string, string> {
    return this.failed;
  }

  get rootUris(): readonly string[] {
    return this.roots;
  }

  stats(): { files: number; specs: number; references: number } {
    let specs = 0;
    let references = 0;
    for (const e of this.files.values()) {
      specs += e.facts.specs.length;
      references += e.facts.refs.length;
    }
    return { files: this.files.size, specs, references };
  }

  /** What a thread without the index needs to run cross-file rules on some documents. */
  snapshot(uris: readonly string[], kinds: readonly string[]): WorkspaceSnapshot {
    const associations: Record<string, Association> = {};
    for (const u of uris) associations[u] = this.association(u);
    const specs = this.specs(kinds).map((s) => ({ ...s, owner: this.ownerKey(s.uri) }));
    return { associations, specs, ready: this.ready };
  }

  /**
   * Which of the candidate files (open documents, usually) depend on what
   * changed: files whose workspace changed or whose workspace spec changed,
   * workspace specs whose specs changed, files that name a changed spec and
   * files that point at a changed path. Their diagnostics need republishing.
   * Costs time in proportion to the changes and the candidates' references.
   */
  dependents(changes: readonly IndexChange[], candidates: Iterable<string>): string[] {
    const names = new Set<string>();
    const uris = new Set<string>();
    const paths: string[] = [];
    const workspaceFiles = new Set<string>();
    const owners = new Set<string>();
    let moved = false;
    for (const c of changes) {
      if (c.associations) moved = true;
      if (c.path) paths.push(c.uri);
      uris.add(c.uri);
      for (const e of [c.before, c.after]) {
        for (const s of e?.facts.specs ?? []) {
          if (s.name !== undefined) names.add(s.name);
          if (WORKSPACE_KINDS.has(s.kind)) workspaceFiles.add(s.uri);
        }
      }
      if (c.ownerBefore) owners.add(c.ownerBefore.slice(0, c.ownerBefore.lastIndexOf('#')));
      if (c.after?.facts.specs.length) {
        const now = this.ownerKey(c.uri);
        if (now) owners.add(now.slice(0, now.lastIndexOf('#')));
      }
    }
    const out: string[] = [];
    for (const candidate of candidates) {
      const c = normalizeUri(candidate);
      const entry = this.files.get(c);
      const a = this.association(c);
      let hit = false;
      if (moved) {
        const before = this.previousAssociations.get(c);
        hit = before === undefined || before !== associationKey(a);
      }
      if (!hit && a.workspace && workspaceFiles.has(a.workspace.uri) && a.workspace.uri !== c) hit = true;
      if (!hit && owners.has(c) && (uris.size > 1 || !uris.has(c))) hit = true;
      if (!hit && entry) {
        for (const r of entry.facts.refs) {
          if (r.form === 'file') {
            if (r.target && (uris.has(r.target) || paths.some((p) => isUnder(r.target!, p) || isUnder(p, r.target!)))) hit = true;
          } else if (names.has(r.name)) hit = true;
          if (hit) break;
        }
      }
      // A changed document is analysed anyway: it is not its own dependent.
      if (hit && !(uris.size === 1 && uris.has(c))) out.push(candidate);
    }
    return out;
  }
}

function workspaceKeys(e: FileEntry | undefined): string {
  return (
    e?.facts.specs
      .filter((s) => WORKSPACE_KINDS.has(s.kind))
      .map((s) => s.docIndex)
      .join(',') ?? ''
  );
}

/** A path segment encoded as vscode-uri encodes it (so walked URIs equal the URIs VS Code sends). */
export function encodeSegment(name: string): string {
  return encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
