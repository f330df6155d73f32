import type { AmlConfig } from '../core/config';
import type { Detection } from '../core/detect';
import type { ParsedFile, YamlSection } from '../core/document';
import type { Redactor } from '../core/redact';
import type { Diagnostic, Range } from '../core/types';
import type { OffsetEdit } from '../core/textEdits';
import type { SchemaStore } from '../schema/store';
import type { WorkspaceView } from '../workspace/view';

/**
 * The data every feature module works on, and what they may ask of the
 * service. Features import these from here, never from `service.ts`, which
 * imports the features: the service sits above them.
 */

export interface DocumentAnalysis {
  section: YamlSection;
  detection?: Detection;
}

/** Everything computed for one version of one document; cached. */
export interface Analysis {
  uri: string;
  version: number;
  file: ParsedFile;
  docs: DocumentAnalysis[];
  diagnostics: Diagnostic[];
  /** Fixes by diagnostic key (see fixKey). */
  fixes: Map<string, FixEntry[]>;
  /** Rules that threw; reported to the log, never to the user's Problems. */
  ruleFailures: Array<{ rule: string; error: string }>;
  config: AmlConfig;
  /** Set when the time budget ran out: the phase that was skipped (the rest is reported as analysis-stopped). */
  stopped?: string;
  /** The file's secrets (core/redact.ts): everything shown about this document passes through it. */
  readonly redactor: Redactor;
}

export interface FixEntry {
  title: string;
  edits: OffsetEdit[];
  isPreferred?: boolean;
  /** The rule or schema code whose diagnostic this fixes. */
  code: string;
}

/** What a feature reads from the service besides the analysis: the schemas and the workspace. */
export interface ServiceContext {
  readonly store: SchemaStore;
  readonly workspaceView: WorkspaceView | undefined;
}

export function fixKey(code: string, range: Range): string {
  return `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
