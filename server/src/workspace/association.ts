import { kindInfo } from '../core/kinds';
import type { Range } from '../core/types';
import { dirOf, parentOf, relativePath } from './uri';
import type { Association, AssociationHow, SpecSummary } from './view';
export type { Association, AssociationHow } from './view';

/** `# aml-yaml-workspace: <relative path>`: the workspace spec this file belongs to. */
export interface WorkspaceComment {
  /** The path as written. */
  path: string;
  /** Resolved against the file's folder (undefined when the file has no resolvable location). */
  target?: string;
  /** Offsets and range of the path in the file. */
  start: number;
  end: number;
  range: Range;
}

/**
 * Which workspace spec a file belongs to, and why. In this order:
 *
 * 1. explicit: the file's `# aml-yaml-workspace: <path>` comment, else
 *    `"workspace": "<path>"` in the nearest `.aml-yaml.json` above it (paths
 *    relative to the file, or to the configuration file). A path that names
 *    no workspace spec leaves the file without a workspace (and is reported
 *    where it is written): an explicit choice is never second-guessed.
 * 2. folder: the workspace spec in the file's own folder, else in the nearest
 *    ancestor folder that has one (several there: ambiguous).
 * 3. tree: the nearest enclosing folder, up to the workspace folder, whose
 *    tree holds workspace specs, when it holds exactly one: the single
 *    workspace spec of the repository (`infra/workspace.yml` beside
 *    `compute/`, `jobs/`, ...), or of one project of a monorepo.
 * 4. otherwise none, or ambiguous when several candidates and nothing
 *    chooses (cross-file rules that need the workspace stay silent).
 *
 * Pure: the index supplies its state through AssociationState.
 */

/** Kinds that are workspaces for the purpose of association. */
export const WORKSPACE_KINDS: ReadonlySet<string> = new Set(['workspace']);

/** `"workspace"` of the nearest `.aml-yaml.json` above a file. */
export interface ExplicitWorkspace {
  /** The configuration file's URI. */
  configUri: string;
  /** The path as written, and the URI it resolves to (relative to the configuration file's folder). */
  path: string;
  target: string;
  /** Where the value is written in the configuration file. */
  range?: Range;
}

export interface AssociationState {
  /** The file's own `# aml-yaml-workspace:` comment. */
  comment(uri: string): WorkspaceComment | undefined;
  /** The nearest configuration file's `workspace`. */
  explicit(uri: string): ExplicitWorkspace | undefined;
  /** Every indexed spec of a file. */
  specsIn(uri: string): SpecSummary[];
  /** Whether a path exists (undefined: unknown). */
  stat(uri: string): 'file' | 'directory' | 'missing' | undefined;
  /** Workspace specs whose file is directly in a folder. */
  workspacesIn(dir: string): readonly SpecSummary[];
  /** Workspace specs anywhere under a folder. */
  workspacesUnder(dir: string): readonly SpecSummary[];
  /** How many workspace specs lie anywhere under a folder (cheap). */
  countUnder(dir: string): number;
  /** The workspace folder (or checked folder) that holds the file; undefined outside them. */
  scopeOf(uri: string): string | undefined;
}

export function associate(uri: string, state: AssociationState): Association {
  const comment = state.comment(uri);
  if (comment) {
    const source = { uri, path: comment.path, target: comment.target, range: comment.range };
    const what = `the "# aml-yaml-workspace" comment on line ${comment.range.start.line + 1}`;
    return explicitAssociation(uri, comment.target, comment.path, what, source, 'comment', state);
  }
  const explicit = state.explicit(uri);
  if (explicit) {
    const source = { uri: explicit.configUri, path: explicit.path, target: explicit.target, range: explicit.range };
    const what = `"workspace" in ${relativePath(explicit.configUri, uri)}`;
    return explicitAssociation(uri, explicit.target, explicit.path, what, source, 'config', state);
  }
  const scope = state.scopeOf(uri);
  const own = dirOf(uri);
  for (let dir: string | undefined = own; dir !== undefined; dir = dir === scope ? undefined : parentOf(dir)) {
    const here = state.workspacesIn(dir);
    if (here.length === 1) {
      const where = dir === own ? "this file's folder" : `${relDir(dir, uri)}, the nearest folder above this file with one`;
      return { workspace: here[0], how: 'folder', reason: `${relativePath(here[0].uri, uri)} is the workspace spec in ${where}.` };
    }
    if (here.length > 1) return ambiguous(uri, dir, here);
  }
  if (scope === undefined) {
    return { how: 'none', reason: 'No workspace spec in this folder or above it, and the file lies outside the indexed folders.' };
  }
  for (let dir: string | undefined = own; dir !== undefined; dir = dir === scope ? undefined : parentOf(dir)) {
    const n = state.countUnder(dir);
    if (n === 0) continue;
    const under = state.workspacesUnder(dir);
    if (under.length === 1) {
      return {
        workspace: under[0],
        how: 'tree',
        reason: `${relativePath(under[0].uri, uri)} is the only workspace spec under ${relDir(dir, uri)}, the nearest folder above this file that holds one.`,
      };
    }
    return ambiguous(uri, dir, under);
  }
  return { how: 'none', reason: `No workspace spec under ${relDir(scope, uri)}.` };
}

function explicitAssociation(
  uri: string,
  target: string | undefined,
  path: string,
  what: string,
  source: Association['source'],
  how: 'comment' | 'config',
  state: AssociationState,
): Association {
  const problem = target === undefined ? 'cannot be resolved' : notAWorkspace(target, state);
  if (problem) return { how: 'invalid', reason: `${capital(what)} names ${path}, which ${problem}; no workspace applies.`, source };
  const spec = state.specsIn(target!).find((s) => WORKSPACE_KINDS.has(s.kind))!;
  return { workspace: spec, how, reason: `${relativePath(spec.uri, uri)} is named by ${what}.`, source };
}

/** Why a path is not a workspace spec of the index, or undefined when it is exactly one. */
export function notAWorkspace(target: string, state: Pick<AssociationState, 'specsIn' | 'stat'>): string | undefined {
  const specs = state.specsIn(target);
  const workspaces = specs.filter((s) => WORKSPACE_KINDS.has(s.kind));
  if (workspaces.length === 1) return undefined;
  if (workspaces.length > 1) return `holds ${workspaces.length} workspace specs (name a file with one)`;
  if (specs.length) {
    const title = kindInfo(specs[0].kind)?.title ?? specs[0].kind;
    return `is ${article(title)} ${title.toLowerCase()} spec, not a workspace spec`;
  }
  const stat = state.stat(target);
  if (stat === 'missing') return 'does not exist';
  if (stat === 'directory') return 'is a folder, not a workspace spec';
  if (!/\.ya?ml$/i.test(target)) return 'is not a YAML file';
  return stat === 'file' ? 'is not an Azure ML workspace spec (or lies outside the indexed folders)' : 'is not an indexed workspace spec';
}

function ambiguous(uri: string, dir: string, candidates: readonly SpecSummary[]): Association {
  const list = candidates.slice(0, 5).map((s) => relativePath(s.uri, uri));
  const more = candidates.length > 5 ? `, and ${candidates.length - 5} more` : '';
  return {
    how: 'ambiguous',
    candidates: [...candidates],
    reason: `${candidates.length} workspace specs under ${relDir(dir, uri)} (${list.join(', ')}${more}) and nothing chooses between them: add "# aml-yaml-workspace: <path>" to this file, or "workspace": "<path>" to an .aml-yaml.json above it.`,
  };
}

/** A folder relative to a file, ending with a slash (`./` for the file's own folder). */
export function relDir(dir: string, from: string): string {
  if (dir === dirOf(from)) return './';
  const rel = relativePath(dir.endsWith('/') ? dir : `${dir}/`, from);
  return rel === dir || rel === `${dir}/` ? `${dir}/` : rel;
}

/** A stable key of an association (what a re-analysis would see). */
export function associationKey(a: Association): string {
  return `${a.how}|${a.workspace ? `${a.workspace.uri}#${a.workspace.docIndex}` : ''}|${a.reason}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** What the status bar's hover shows: the workspace spec's name and path relative to the file, how, and why. */
export function associationNotice(
  a: Association,
  uri: string,
): { name: string | null; path: string | null; how: AssociationHow; reason: string } {
  return { name: a.workspace?.name ?? null, path: a.workspace ? relativePath(a.workspace.uri, uri) : null, how: a.how, reason: a.reason };
}
