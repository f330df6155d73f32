import type { ReferenceSite, SpecSummary, WorkspaceView } from '../workspace/view';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { SpecTableView, type FileSpecs } from '../workspace/specTable';
import { dirOf, normalizeUri, parentOf } from '../workspace/uri';
import { NodeFileSystem } from './fileSystem';

/**
 * The workspace index as the analysis worker sees it: a read-only copy of
 * what the main thread's index knows (each file's specs and references),
 * kept current by the messages below, so that large and hostile documents
 * analysed in the worker get the same cross-file rules, reference
 * diagnostics and navigation as the others. Files and folders are checked on
 * disk directly (`exists`, `stat`).
 */

export interface MirrorFile {
  uri: string;
  specs: SpecSummary[];
  refs: ReferenceSite[];
}

/** The messages that keep a mirror current (sent in order; each holds the state at the time it was sent). */
export type MirrorMessage =
  | { op: 'workspace'; roots: string[]; ready: boolean; reset: boolean; files: MirrorFile[] }
  | { op: 'workspaceReady'; roots: string[]; ready: boolean };

const WORKSPACE_KIND = 'workspace';

export class WorkspaceMirror extends SpecTableView implements WorkspaceView {
  private readonly files = new Map<string, MirrorFile>();
  private readonly fs = new NodeFileSystem();
  ready = false;

  constructor() {
    super((kind) => kind === WORKSPACE_KIND);
  }

  apply(m: MirrorMessage): void {
    this.roots = m.roots;
    this.ready = m.ready;
    if (m.op !== 'workspace') return;
    if (m.reset) {
      this.files.clear();
      this.table.clear();
    }
    for (const f of m.files) this.set(f);
  }

  private set(f: MirrorFile): void {
    const before = this.files.get(f.uri);
    if (before) {
      this.table.remove(before.specs);
      this.files.delete(f.uri);
    }
    if (!f.specs.length && !f.refs.length) return;
    this.files.set(f.uri, f);
    this.table.add(f.specs);
  }

  workspaceFor(uri: string): SpecSummary | undefined {
    let dir: string | undefined = dirOf(normalizeUri(uri));
    while (dir !== undefined) {
      const list = this.table.workspacesIn(dir);
      if (list.length) return list.length === 1 ? list[0] : undefined;
      dir = parentOf(dir);
    }
    return undefined;
  }

  protected fileSpecs(): Iterable<FileSpecs> {
    return this.files.values();
  }

  stat(uri: string): 'file' | 'directory' | 'missing' | undefined {
    return this.fs.stat(normalizeUri(uri));
  }
}

/** What the main thread needs of its index to keep a mirror current. */
export interface MirrorSource {
  readonly ready: boolean;
  readonly rootUris: readonly string[];
  specs(): SpecSummary[];
  references(): Iterable<ReferenceSite>;
  onDidChange(
    listener: (changes: ReadonlyArray<{ uri: string; after?: { specs: SpecSummary[]; refs: ReferenceSite[] } | undefined }>) => void,
  ): unknown;
}

/** The main thread's WorkspaceIndex as a mirror source (its changes carry whole entries; path-only changes are left out). */
export function mirrorSourceOf(index: WorkspaceIndex): MirrorSource {
  return {
    get ready() {
      return index.ready;
    },
    get rootUris() {
      return index.rootUris;
    },
    specs: () => index.specs(),
    references: () => index.references(),
    onDidChange: (listener) =>
      index.onDidChange((changes) => {
        const files = changes
          .filter((c) => c.before || c.after)
          .map((c) => ({ uri: c.uri, after: c.after ? { specs: c.after.facts.specs, refs: c.after.facts.refs } : undefined }));
        if (files.length) listener(files);
      }),
  };
}

/** Files per message of a snapshot: a large repository is sent in pieces. */
const SNAPSHOT_CHUNK = 500;

/** The whole index as messages: the first one resets the mirror. */
export function snapshotMessages(source: MirrorSource): MirrorMessage[] {
  const byUri = new Map<string, MirrorFile>();
  const entry = (uri: string) => {
    let f = byUri.get(uri);
    if (!f) byUri.set(uri, (f = { uri, specs: [], refs: [] }));
    return f;
  };
  for (const s of source.specs()) entry(s.uri).specs.push(s);
  for (const r of source.references()) entry(r.uri).refs.push(r);
  const files = [...byUri.values()];
  const roots = [...source.rootUris];
  const out: MirrorMessage[] = [];
  for (let i = 0; i === 0 || i < files.length; i += SNAPSHOT_CHUNK) {
    out.push({ op: 'workspace', roots, ready: source.ready, reset: i === 0, files: files.slice(i, i + SNAPSHOT_CHUNK) });
  }
  return out;
}
