import { kindsOfFamily } from '../core/kinds';
import { WORKSPACE_KINDS, type Association } from './association';
import { normalizeUri } from './uri';
import type { SpecSummary, WorkspaceView } from './view';
import type { WorkspaceSnapshot } from './workspaceIndex';

/** Kinds whose specs a snapshot carries: those the cross-file rules read (workspaces, computes, datastores, endpoints). */
export const SNAPSHOT_KINDS: readonly string[] = [
  ...WORKSPACE_KINDS,
  ...kindsOfFamily('compute'),
  ...kindsOfFamily('datastore'),
  ...kindsOfFamily('endpoint'),
];

/**
 * A WorkspaceView over a snapshot of the index, for the worker thread that
 * analyses large documents (node/analysisWorker.ts): the cross-file rules run
 * there on the workspace each document belongs to and on the specs they
 * read. It does not cover the repository (no `unresolved-reference` hints:
 * the snapshot holds only some kinds); file existence comes from `stat`.
 */
export class SnapshotView implements WorkspaceView {
  private readonly byKey = new Map<string, SpecSummary>();
  private readonly ownerOf = new Map<string, string>();
  readonly ready: boolean;

  constructor(
    private readonly snapshot: WorkspaceSnapshot,
    private readonly statPath?: (uri: string) => 'file' | 'directory' | 'missing' | undefined,
  ) {
    this.ready = snapshot.ready;
    for (const s of snapshot.specs) {
      this.byKey.set(`${s.uri}#${s.docIndex}`, s);
      if (s.owner) this.ownerOf.set(s.uri, s.owner);
    }
  }

  association(uri: string): Association {
    return this.snapshot.associations[normalizeUri(uri)] ?? { how: 'none', reason: 'The workspace of this file is not known here.' };
  }

  workspaceFor(uri: string): SpecSummary | undefined {
    const key = normalizeUri(uri);
    const a = this.snapshot.associations[key];
    if (a) return a.workspace;
    const owner = this.ownerOf.get(key);
    return owner ? this.byKey.get(owner) : undefined;
  }

  specs(kinds?: readonly string[]): SpecSummary[] {
    return kinds ? this.snapshot.specs.filter((s) => kinds.includes(s.kind)) : [...this.snapshot.specs];
  }

  byName(kinds: readonly string[], name: string): SpecSummary[] {
    return this.snapshot.specs.filter((s) => s.name === name && kinds.includes(s.kind));
  }

  specsIn(uri: string): SpecSummary[] {
    const key = normalizeUri(uri);
    return this.snapshot.specs.filter((s) => s.uri === key);
  }

  covers(): boolean {
    return false;
  }

  stat(uri: string): 'file' | 'directory' | 'missing' | undefined {
    return this.statPath?.(uri);
  }

  exists(uri: string): boolean | undefined {
    const s = this.stat(uri);
    return s === undefined ? undefined : s !== 'missing';
  }
}
