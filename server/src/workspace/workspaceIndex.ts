import picomatch from 'picomatch';
import { DEFAULT_CONFIG, type AmlConfig } from '../core/config';
import { detectKind } from '../core/detect';
import { isMap, keyText, LIMITS, parseYaml, type ParsedFile, type YamlNode } from '../core/document';
import { kindInfo, secretKeyNames } from '../core/kinds';
import { summarizeBindings, summarySignature } from '../bindings/summary';
import type { FileSystem } from './fs';
import { collectReferences } from './refs';
import { dirOf, isUnder, normalizeUri, parentOf } from './uri';
import type { ReferenceSite, SpecSummary, WorkspaceView } from './view';

export interface IndexOptions {
  fs: FileSystem;
  /** Globs (relative to a root, like VS Code's `files.exclude`) left out of the index. */
  exclude?: string[];
  /** Settings per file (the `fileKinds` globs decide kinds the content cannot tell). */
  getConfig?: (uri: string) => AmlConfig;
  /** Work done before yielding to the event loop while indexing, in ms. */
  sliceMs?: number;
  /** Files larger than this are not indexed (bytes). */
  maxFileSize?: number;
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
}

interface FileEntry {
  uri: string;
  open: boolean;
  version?: number;
  text: string | undefined;
  specs: SpecSummary[];
  refs: ReferenceSite[];
  signature: string;
}

export const DEFAULT_EXCLUDES = ['**/node_modules', '**/.git'];
const YAML_FILE = /\.ya?ml$/i;
const WORKSPACE_KINDS = new Set(['workspace']);
const SMALL_FAMILIES = new Set(['job', 'component']);
/** Keys whose values the index never keeps: every `x-secret` field of the schemas, and generic secret names. */
const SECRET_KEY = new RegExp(`^(${[...secretKeyNames(), 'secret', 'password', 'key', 'token'].join('|')})$`, 'i');
const REDACTED = '<redacted>';

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The repository's Azure ML specs: kind, name, version, location, the facts
 * cross-file rules read, and every reference each file makes. Built by a
 * chunked walk of the workspace folders (yields to the event loop so that
 * requests on open files are answered meanwhile) and kept current from file
 * events and open documents: an open document's text wins over the disk.
 */
export class WorkspaceIndex implements WorkspaceView {
  private readonly fs: FileSystem;
  private readonly getConfig: (uri: string) => AmlConfig;
  private readonly sliceMs: number;
  private readonly maxFileSize: number;
  private excludeMatchers: Array<(p: string) => boolean> = [];
  private roots: string[] = [];
  private readonly files = new Map<string, FileEntry>();
  private readonly byNameMap = new Map<string, SpecSummary[]>();
  private readonly byKindMap = new Map<string, SpecSummary[]>();
  private readonly workspacesByDir = new Map<string, SpecSummary[]>();
  private readonly listeners: Array<(changes: IndexChange[]) => void> = [];
  private run = 0;
  ready = false;

  constructor(options: IndexOptions) {
    this.fs = options.fs;
    this.getConfig = options.getConfig ?? (() => DEFAULT_CONFIG);
    this.sliceMs = options.sliceMs ?? 10;
    this.maxFileSize = options.maxFileSize ?? Math.min(LIMITS.maxTextLength, 2 * 1024 * 1024);
    this.setExcludes(options.exclude ?? []);
  }

  setExcludes(globs: string[]): void {
    this.excludeMatchers = [...DEFAULT_EXCLUDES, ...globs].map((g) => picomatch(g.replace(/^\.?\//, ''), { dot: true }));
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
   * Indexes every YAML file under the roots (replacing earlier disk content;
   * open documents stay as they are). Resolves when done, or early (false)
   * when a newer call started or `cancelled()` says so.
   */
  async index(roots: string[], onProgress?: (p: IndexProgress) => void, cancelled?: () => boolean): Promise<boolean> {
    const run = ++this.run;
    const stop = () => run !== this.run || !!cancelled?.();
    this.ready = false;
    this.roots = roots.map((r) => normalizeUri(r).replace(/\/$/, ''));
    const found: string[] = [];
    let dirs = 0;
    let sliceStart = Date.now();
    const queue = this.roots.map((r) => ({ dir: r, root: r }));
    while (queue.length) {
      const { dir, root } = queue.shift()!;
      const entries = await this.fs.readDirectory(dir);
      if (stop()) return false;
      dirs++;
      for (const [name, type] of entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
        const uri = `${dir}/${encodeSegment(name)}`;
        if (this.excluded(uri, root)) continue;
        if (type === 'directory') queue.push({ dir: uri, root });
        else if (YAML_FILE.test(name)) found.push(uri);
      }
      if (dirs % 50 === 0) onProgress?.({ phase: 'scan', done: dirs, total: 0 });
    }
    const seen = new Set(found);
    const changes: IndexChange[] = [];
    // Files that disappeared from the disk since the last run.
    for (const uri of [...this.files.keys()]) {
      const e = this.files.get(uri)!;
      if (!e.open && !seen.has(uri)) {
        const c = this.apply(uri, undefined);
        if (c) changes.push(c);
      }
    }
    onProgress?.({ phase: 'parse', done: 0, total: found.length });
    for (let i = 0; i < found.length; i++) {
      const uri = found[i];
      if (!this.files.get(uri)?.open) {
        const text = await this.fs.readFile(uri, this.maxFileSize);
        if (stop()) return false;
        const c = this.apply(uri, text === undefined ? undefined : this.entryFor(uri, text, false));
        if (c) changes.push(c);
      }
      if (Date.now() - sliceStart >= this.sliceMs) {
        onProgress?.({ phase: 'parse', done: i + 1, total: found.length });
        await yieldNow();
        if (stop()) return false;
        sliceStart = Date.now();
      }
    }
    this.ready = true;
    onProgress?.({ phase: 'done', done: found.length, total: found.length });
    this.emit(changes);
    return true;
  }

  private excluded(uri: string, root: string): boolean {
    const rel = decodeSafe(uri.slice(root.length + 1));
    return this.excludeMatchers.some((m) => m(rel));
  }

  /** The text of an open document: it wins over the disk until closed. `parsed` is its parse, when the caller has it. */
  setOpenDocument(uri: string, text: string, version?: number, parsed?: ParsedFile): IndexChange[] {
    const key = normalizeUri(uri);
    const current = this.files.get(key);
    if (current?.open && current.text === text) {
      current.version = version;
      return [];
    }
    const c = this.apply(key, this.entryFor(key, text, true, version, parsed));
    const changes = c ? [c] : [];
    this.emit(changes);
    return changes;
  }

  /** A document was closed: its disk content (if any, and if in the index's folders) counts again. */
  async closeDocument(uri: string): Promise<IndexChange[]> {
    const key = normalizeUri(uri);
    const current = this.files.get(key);
    if (current) current.open = false;
    return this.refreshFromDisk(key);
  }

  /** A watched file was created, changed or deleted on disk. */
  async fileChanged(uri: string, type: 'created' | 'changed' | 'deleted'): Promise<IndexChange[]> {
    const key = normalizeUri(uri);
    if (type === 'deleted') {
      const changes: IndexChange[] = [];
      // A deleted folder takes its files along.
      for (const f of [...this.files.keys()]) {
        if ((f === key || isUnder(f, key)) && !this.files.get(f)!.open) {
          const c = this.apply(f, undefined);
          if (c) changes.push(c);
        }
      }
      this.emit(changes);
      return changes;
    }
    if (this.files.get(key)?.open) return [];
    return this.refreshFromDisk(key);
  }

  private async refreshFromDisk(key: string): Promise<IndexChange[]> {
    const inRoots = this.roots.some((r) => isUnder(key, r)) && !this.roots.some((r) => isUnder(key, r) && this.excluded(key, r));
    const text = inRoots && YAML_FILE.test(key) ? await this.fs.readFile(key, this.maxFileSize) : undefined;
    if (this.files.get(key)?.open) return [];
    const c = this.apply(key, text === undefined ? undefined : this.entryFor(key, text, false));
    const changes = c ? [c] : [];
    this.emit(changes);
    return changes;
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

  private entryFor(uri: string, text: string, open: boolean, version?: number, parsed?: ParsedFile): FileEntry {
    const specs: SpecSummary[] = [];
    const refs: ReferenceSite[] = [];
    const file = parsed?.text === text ? parsed : parseYaml(text);
    const config = this.getConfig(uri);
    for (const section of file.sections) {
      const value = section.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const detection = detectKind(value, { path: uri, globKinds: config.fileKinds });
      if (!detection) continue;
      const v = value as Record<string, unknown>;
      const root = section.doc.contents as YamlNode | null;
      const namePair = isMap(root) ? root.items.find((p) => keyText(p.key) === 'name') : undefined;
      const nameNode = namePair?.value as YamlNode | undefined;
      const start = root?.range?.[0] ?? section.start;
      const bindings = summarizeBindings(section, detection.kind, file, uri);
      specs.push({
        uri,
        docIndex: section.index,
        kind: detection.kind,
        name: typeof v.name === 'string' ? v.name : typeof v.name === 'number' ? String(v.name) : undefined,
        version: v.version === undefined || v.version === null || typeof v.version === 'object' ? undefined : String(v.version),
        value: prune(detection.kind, v),
        nameRange: nameNode?.range ? file.lines.range(nameNode.range[0], nameNode.range[1]) : file.lines.range(start, start),
        range: file.lines.range(start, root?.range?.[1] ?? section.end),
        ...(bindings ? { bindings } : {}),
      });
      for (const r of collectReferences(section, detection.kind, text, uri)) {
        refs.push({
          uri,
          docIndex: section.index,
          fromKind: detection.kind,
          form: r.form,
          category: r.category,
          name: r.name,
          version: r.version,
          label: r.label,
          target: r.target,
          key: r.key,
          range: file.lines.range(r.start, r.end),
        });
      }
    }
    const signature = JSON.stringify([
      specs.map((s) => [s.docIndex, s.kind, s.name, s.version, s.value, summarySignature(s.bindings)]),
      refs.map((r) => [r.docIndex, r.category, r.name, r.version, r.label, r.target]),
    ]);
    return { uri, open, version, text: open ? text : undefined, specs, refs, signature };
  }

  /** Replaces a file's entry; returns the change when its specs or references differ. */
  private apply(uri: string, next: FileEntry | undefined): IndexChange | undefined {
    const before = this.files.get(uri);
    if (next && !next.specs.length && !next.open) next = undefined; // not Azure ML: nothing to keep
    if (before) this.unlink(before);
    if (next) {
      this.files.set(uri, next);
      this.link(next);
    } else this.files.delete(uri);
    if ((before?.signature ?? '') === (next?.signature ?? '')) return undefined;
    return { uri, before, after: next };
  }

  private link(e: FileEntry): void {
    for (const s of e.specs) {
      push(this.byKindMap, s.kind, s);
      if (s.name !== undefined) push(this.byNameMap, s.name, s);
      if (WORKSPACE_KINDS.has(s.kind)) push(this.workspacesByDir, dirOf(s.uri), s);
    }
  }

  private unlink(e: FileEntry): void {
    for (const s of e.specs) {
      pull(this.byKindMap, s.kind, s);
      if (s.name !== undefined) pull(this.byNameMap, s.name, s);
      if (WORKSPACE_KINDS.has(s.kind)) pull(this.workspacesByDir, dirOf(s.uri), s);
    }
  }

  // -------------------------------------------------------------------------
  // WorkspaceView

  workspaceFor(uri: string): SpecSummary | undefined {
    let dir: string | undefined = dirOf(normalizeUri(uri));
    while (dir !== undefined) {
      const list = this.workspacesByDir.get(dir);
      if (list?.length) return list.length === 1 ? list[0] : undefined;
      dir = parentOf(dir);
    }
    return undefined;
  }

  /** The workspace specs that compete for a file (several: ambiguous). */
  workspaceCandidates(uri: string): SpecSummary[] {
    let dir: string | undefined = dirOf(normalizeUri(uri));
    while (dir !== undefined) {
      const list = this.workspacesByDir.get(dir);
      if (list?.length) return [...list];
      dir = parentOf(dir);
    }
    return [];
  }

  specs(kinds?: readonly string[]): SpecSummary[] {
    if (kinds) return kinds.flatMap((k) => this.byKindMap.get(k) ?? []);
    return [...this.files.values()].flatMap((e) => e.specs);
  }

  byName(kinds: readonly string[], name: string): SpecSummary[] {
    return (this.byNameMap.get(name) ?? []).filter((s) => kinds.includes(s.kind));
  }

  /** Whether the file lies under an indexed folder (open documents elsewhere are indexed but not covered). */
  covers(uri: string): boolean {
    const key = normalizeUri(uri);
    return this.roots.some((r) => isUnder(key, r));
  }

  exists(uri: string): boolean | undefined {
    const key = normalizeUri(uri);
    if (this.files.get(key)?.open) return true;
    const s = this.fs.stat(key);
    return s === undefined ? undefined : s !== 'missing';
  }

  stat(uri: string): 'file' | 'directory' | 'missing' | undefined {
    const key = normalizeUri(uri);
    if (this.files.get(key)?.open) return 'file';
    return this.fs.stat(key);
  }

  *references(): Iterable<ReferenceSite> {
    for (const e of this.files.values()) yield* e.refs;
  }

  /** The specs of one file. */
  specsIn(uri: string): SpecSummary[] {
    return this.files.get(normalizeUri(uri))?.specs ?? [];
  }

  get rootUris(): readonly string[] {
    return this.roots;
  }

  stats(): { files: number; specs: number; references: number } {
    let specs = 0;
    let references = 0;
    for (const e of this.files.values()) {
      specs += e.specs.length;
      references += e.refs.length;
    }
    return { files: this.files.size, specs, references };
  }

  /**
   * Which of the candidate files (open documents, usually) depend on what
   * changed: files under a changed workspace spec's folder, workspace specs
   * above a changed spec, and files that name a changed spec or point at a
   * changed file. Their diagnostics need republishing.
   */
  dependents(changes: readonly IndexChange[], candidates: Iterable<string>): string[] {
    const out: string[] = [];
    const list = [...candidates];
    for (const candidate of list) {
      const c = normalizeUri(candidate);
      const entry = this.files.get(c);
      const isWorkspace = entry?.specs.some((s) => WORKSPACE_KINDS.has(s.kind)) ?? false;
      let hit = false;
      for (const change of changes) {
        if (change.uri === c) continue;
        const specs = [...(change.before?.specs ?? []), ...(change.after?.specs ?? [])];
        if (specs.some((s) => WORKSPACE_KINDS.has(s.kind)) && isUnder(c, dirOf(change.uri))) hit = true;
        else if (isWorkspace && specs.length && isUnder(change.uri, dirOf(c))) hit = true;
        else if (entry) {
          const names = new Set(specs.map((s) => s.name).filter((n): n is string => n !== undefined));
          hit = entry.refs.some((r) => (r.form === 'file' ? r.target === change.uri : names.has(r.name)));
        }
        if (hit) break;
      }
      if (hit) out.push(candidate);
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

function pull<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (!list.length) map.delete(key);
}

function encodeSegment(name: string): string {
  return encodeURIComponent(name);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The facts kept per spec: everything for small specs, top-level facts for jobs and components; no secrets. */
function prune(kind: string, value: Record<string, unknown>): Record<string, unknown> {
  const family = kindInfo(kind)?.family;
  if (family && SMALL_FAMILIES.has(family)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || typeof v !== 'object') out[k] = v;
      else if (k === 'identity' || k === 'settings') out[k] = v;
    }
    return out;
  }
  return redact(value, false) as Record<string, unknown>;
}

function redact(v: unknown, secret: boolean, depth = 0): unknown {
  if (depth > 50) return undefined;
  if (Array.isArray(v)) return v.map((x) => redact(x, secret, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = redact(x, secret || k === 'credentials' || SECRET_KEY.test(k), depth + 1);
    return out;
  }
  return secret && typeof v === 'string' && v !== '' ? REDACTED : v;
}
