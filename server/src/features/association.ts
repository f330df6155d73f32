import { Severity } from '../core/types';
import type { Analysis, ServiceContext } from './analysis';
import { notAWorkspace } from '../workspace/association';
import { workspaceComment } from '../workspace/summary';

export interface AssociationProblem {
  code: 'invalid-workspace-association';
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

/**
 * `invalid-workspace-association` (warning) on the path of a file's
 * `# aml-yaml-workspace: <path>` comment when it names no workspace spec of
 * the index: the file then belongs to no workspace. Only once the index is
 * complete (absence proves nothing before).
 */
export function associationDiagnostics(service: ServiceContext, analysis: Analysis): AssociationProblem[] {
  const view = service.workspaceView;
  if (!view?.association || view.ready === false || !analysis.docs.some((d) => d.detection)) return [];
  const comment = workspaceComment(analysis.file, analysis.uri);
  if (!comment) return [];
  const problem = comment.target
    ? notAWorkspace(comment.target, { specsIn: (u) => view.specsIn?.(u) ?? [], stat: (u) => view.stat?.(u) })
    : 'cannot be resolved';
  if (!problem) return [];
  return [
    {
      code: 'invalid-workspace-association',
      severity: Severity.Warning,
      message: `"${comment.path}" ${problem}, so this file belongs to no workspace and the cross-file rules that need one skip it.`,
      start: comment.start,
      end: comment.end,
    },
  ];
}
