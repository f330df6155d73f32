import { dirOf, isUnder, normalizeUri } from './uri';
import type { ReferenceSite, SpecSummary } from './view';

/**
 * The specs of a workspace model looked up by kind, by name and (workspace
 * specs) by folder: kept by the index (`workspaceIndex.ts`) and by the
 * analysis worker's mirror of it (`node/workspaceMirror.ts`).
 */
export class SpecTable {
  private readonly byKind = new Map<string, SpecSummary[]>();
  private readonly byNameMap = new Map<string, SpecSummary[]>();
  private readonly workspacesByDir = new Map<string, SpecSummary[]>();

  /** `isWorkspace`: the kinds kept by folder. */
  constructor(private readonly isWorkspace: (kind: string) => boolean) {}

  add(specs: readonly SpecSummary[]): void {
    for (const s of specs) {
      push(this.byKind, s.kind, s);
      if (s.name !== undefined) push(this.byNameMap, s.name, s);
      if (this.isWorkspace(s.kind)) push(this.workspacesByDir, dirOf(s.uri), s);
    }
  }

  remove(specs: readonly SpecSummary[]): void {
    for (const s of specs) {
      pull(this.byKind, s.kind, s);
      if (s.name !== undefined) pull(this.byNameMap, s.name, s);
      if (this.isWorkspace(s.kind)) pull(this.workspacesByDir, dirOf(s.uri), s);
    }
  }

  clear(): void {
    this.byKind.clear();
    this.byNameMap.clear();
    this.workspacesByDir.clear();
  }

  /** The specs of these kinds, kind after kind. */
  ofKinds(kinds: readonly string[]): SpecSummary[] {
    return kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  /** The specs of these kinds with this name. */
  byName(kinds: readonly string[], name: string): SpecSummary[] {
    return (this.byNameMap.get(name) ?? []).filter((s) => kinds.includes(s.kind));
  }

  /** The workspace specs of files in this folder (not below it). */
  workspacesIn(dir: string): SpecSummary[] {
    return this.workspacesByDir.get(dir) ?? [];
  }
}

/** One file's specs and references, as a workspace model keeps them. */
export interface FileSpecs {
  readonly specs: readonly SpecSummary[];
  readonly refs: readonly ReferenceSite[];
}

/**
 * The lookups of `WorkspaceView` that read only a `SpecTable`, the roots and
 * each file's specs and references: the same in the index and in the
 * worker's mirror, which differ in how they learn of files and what they
 * know of the disk (`stat`).
 */
export abstract class SpecTableView {
  protected readonly table: SpecTable;
  /** The indexed folders (normalised URIs without a trailing slash). */
  protected roots: string[] = [];

  /** `isWorkspace`: the kinds kept by folder. */
  constructor(isWorkspace: (kind: string) => boolean) {
    this.table = new SpecTable(isWorkspace);
  }

  /** The specs and references of every file the model holds. */
  protected abstract fileSpecs(): Iterable<FileSpecs>;

  abstract stat(uri: string): 'file' | 'directory' | 'missing' | undefined;

  specs(kinds?: readonly string[]): SpecSummary[] {
    if (kinds) return this.table.ofKinds(kinds);
    return [...this.fileSpecs()].flatMap((f) => f.specs);
  }

  byName(kinds: readonly string[], name: string): SpecSummary[] {
    return this.table.byName(kinds, name);
  }

  /** Whether the file lies under an indexed folder (open documents elsewhere are indexed but not covered). */
  covers(uri: string): boolean {
    const key = normalizeUri(uri);
    return this.roots.some((r) => isUnder(key, r));
  }

  exists(uri: string): boolean | undefined {
    const s = this.stat(uri);
    return s === undefined ? undefined : s !== 'missing';
  }

  *references(): Iterable<ReferenceSite> {
    for (const f of this.fileSpecs()) yield* f.refs;
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
