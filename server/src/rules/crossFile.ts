import { normalizeUri, relativePath } from '../workspace/uri';
import type { SpecSummary, WorkspaceView } from '../workspace/view';
import type { RuleContext } from './api';
import { publicAccess } from './networkAcls';

/**
 * Shared reading of the workspace index for the cross-file rules. A spec
 * belongs to the workspace spec in its own folder or the nearest ancestor
 * folder that has one; with none, or several at that level, the rules stay
 * silent (WorkspaceView.workspaceFor returns undefined).
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
