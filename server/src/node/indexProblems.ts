import path from 'node:path';
import type { Diagnostic } from '../core/types';
import { notAWorkspace } from '../workspace/association';
import { fileUri, fsPathOf } from '../workspace/uri';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { REPO_CONFIG_FILE, type RepoConfigReader } from './repoConfig';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Problems of files the editor has not opened, by URI: files whose indexing
 * stopped (a worker over its budget or out of memory: `analysis-stopped`),
 * and configuration files whose `"workspace"` names no workspace spec of the
 * index (`invalid-workspace-association`, on the value).
 */
export function indexProblems(
  index: WorkspaceIndex,
  configs: RepoConfigReader,
  isOpen: (uri: string) => boolean,
): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const [uri, reason] of index.failures()) {
    if (isOpen(uri)) continue;
    out.set(uri, [
      {
        range: START,
        severity: 2,
        code: 'analysis-stopped',
        source: 'aml-yaml',
        message: `aml-yaml stopped indexing this file: ${reason}. Its specs are not part of the workspace model.`,
      },
    ]);
  }
  if (!index.ready) return out;
  for (const file of index.pathsNamed(REPO_CONFIG_FILE)) {
    const p = fsPathOf(file);
    if (!p) continue;
    const found = configs.forDir(path.dirname(p));
    const ws = found.workspace;
    if (!found.file || !ws) continue;
    const problem = notAWorkspace(fileUri(ws.target), index);
    if (!problem) continue;
    out.set(fileUri(found.file), [
      {
        range: ws.range ?? START,
        severity: 2,
        code: 'invalid-workspace-association',
        source: 'aml-yaml',
        message: `"${ws.path}" ${problem}, so the specs below this folder that this file applies to belong to no workspace.`,
      },
    ]);
  }
  return out;
}
