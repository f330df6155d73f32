import { normalizeUri, relativePath } from '../workspace/uri';
import type { SpecSummary, WorkspaceView } from '../workspace/view';
import type { RuleContext } from './api';
import { publicAccess } from './networkAcls';

/**
 * Shared reading of the workspace index for the cross-file rules. Which
 * workspace spec a spec belongs to is decided by workspace/association.ts
 * (explicit comment or configuration, own or ancestor folder, the single one
 * of the repository or project); with none, or
 * several candidates and nothing to choose, rules that need the workspace
 * stay silent (WorkspaceView.workspaceFor returns undefined). Rules that
 * need another spec, not the workspace, resolve it with resolveNamed.
 */

/** The workspace spec the document belongs to (never the document itself). */
export function workspaceOf(ctx: RuleContext): SpecSummary | undefined {
  const ws = ctx.workspace?.workspaceFor(ctx.uri);
  if (!ws || (sameUri(ws.uri, ctx.uri) && ws.docIndex === ctx.section.index)) return undefined;
  return ws;
}

/** public_network_access: Disabled on the workspace spec. */
export function isPrivateWorkspace(ws: SpecSummary): boolean {
  return publicAccess(ws.value) === 'disabled';
}

export function sameUri(a: string, b: string): boolean {
  return a === b || normalizeUri(a) === normalizeUri(b);
}

/** Whether a spec belongs to the given workspace spec. */
export function belongsTo(view: WorkspaceView, spec: SpecSummary, ws: Pick<SpecSummary, 'uri' | 'docIndex'>): boolean {
  const owner = view.workspaceFor(spec.uri);
  return !!owner && sameUri(owner.uri, ws.uri) && owner.docIndex === ws.docIndex;
}

/** Specs of some kinds that belong to a workspace spec. */
export function specsOf(view: WorkspaceView, ws: Pick<SpecSummary, 'uri' | 'docIndex'>, kinds: readonly string[]): SpecSummary[] {
  return view.specs(kinds).filter((s) => belongsTo(view, s, ws));
}

/**
 * The specs of some kinds a name refers to from the document: those of the
 * document's workspace when it has one and some belong to it; otherwise the
 * repository's only spec of that name (unless it belongs to another
 * workspace). Such a rule does not wait for a workspace.
 */
export function resolveNamed(ctx: RuleContext, kinds: readonly string[], name: string): SpecSummary[] {
  const view = ctx.workspace;
  if (!view) return [];
  const all = view.byName(kinds, name);
  if (!all.length) return [];
  const ws = view.workspaceFor(ctx.uri);
  if (ws) {
    const same = all.filter((s) => belongsTo(view, s, ws));
    if (same.length) return same;
  }
  if (all.length !== 1) return [];
  const owner = view.workspaceFor(all[0].uri);
  if (ws && owner && !(sameUri(owner.uri, ws.uri) && owner.docIndex === ws.docIndex)) return [];
  return all;
}

/** `workspace.yml` relative to the document, for messages. */
export function where(spec: SpecSummary, from: string): string {
  return relativePath(normalizeUri(spec.uri), normalizeUri(from));
}

/** Offsets of `needle` inside the value at a path (the whole value when not found). */
export function rangeInValue(ctx: RuleContext, path: Array<string | number>, needle: string): [number, number] | undefined {
  const r = ctx.valueRange(path);
  if (!r) return undefined;
  const i = ctx.file.text.slice(r[0], r[1]).indexOf(needle);
  return i < 0 ? r : [r[0] + i, r[0] + i + needle.length];
}
