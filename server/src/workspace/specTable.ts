import { dirOf } from './uri';
import type { SpecSummary } from './view';

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
