import type { BindingSummary } from './bindingSummary';
import type { Range } from '../core/types';
import type { ReferenceFacts } from './refs';

/**
 * What rules and navigation may ask of the repository's other specs. The
 * workspace index implements it; single-file analysis runs without one.
 */
export interface SpecSummary {
  uri: string;
  /** Index of the YAML document inside its file. */
  docIndex: number;
  kind: string;
  name?: string;
  version?: string;
  /**
   * The spec as plain data. Jobs and components keep only their top-level
   * scalars, `identity` and `settings`; secret values under `credentials`
   * are replaced by a marker.
   */
  value: Record<string, unknown>;
  /** Where the spec's `name` value is (else the document start) and the whole document. */
  nameRange?: Range;
  range?: Range;
  /** Jobs and components: declared inputs and outputs, their uses and the steps' bindings (bindings/summary.ts). */
  bindings?: BindingSummary;
}

/** One use of a name or a file, somewhere in the repository. */
export interface ReferenceSite extends ReferenceFacts {
  uri: string;
  docIndex: number;
  /** Kind of the document that makes the reference. */
  fromKind: string;
  /** Range of the name (the whole path for files). */
  range: Range;
}

export interface WorkspaceView {
  /**
   * The workspace spec a file belongs to (see association.ts: explicit
   * comment or configuration, own or ancestor folder, the single one of the
   * repository). Undefined when there is none, or when several candidates
   * leave no way to choose.
   */
  workspaceFor(uri: string): SpecSummary | undefined;
  /** The workspace a file belongs to and why, or why none. */
  association?(uri: string): Association;
  /** The specs of one file. */
  specsIn?(uri: string): SpecSummary[];
  /** Every indexed spec, optionally of some kinds only. */
  specs(kinds?: readonly string[]): SpecSummary[];
  /** Specs of the given kinds whose `name` equals name. */
  byName(kinds: readonly string[], name: string): SpecSummary[];
  /** False while the first indexing pass runs: absence of a spec proves nothing yet. */
  readonly ready?: boolean;
  /** Whether the file lies in an indexed folder: only then is an unresolved name worth a hint. */
  covers?(uri: string): boolean;
  /** Whether a file or folder exists; undefined when unknown. */
  exists?(uri: string): boolean | undefined;
  /** Whether a path is a file or a folder ('missing' when absent; undefined when unknown). */
  stat?(uri: string): 'file' | 'directory' | 'missing' | undefined;
  /** Every reference made by the indexed files. */
  references?(): Iterable<ReferenceSite>;
  /** The specs of one file. */
  specsIn?(uri: string): SpecSummary[];
}

/** How a file's workspace was decided (see association.ts). */
export type AssociationHow = 'comment' | 'config' | 'folder' | 'tree' | 'ambiguous' | 'invalid' | 'none';

/** The workspace a file belongs to and why, or why none (decided by association.ts). */
export interface Association {
  /** The workspace spec the file belongs to; undefined for none, ambiguous and invalid. */
  workspace?: SpecSummary;
  how: AssociationHow;
  /** Why that workspace, or why none: one sentence for hovers and `--verbose`. */
  reason: string;
  /** Ambiguous: the competing workspace specs. */
  candidates?: SpecSummary[];
  /** Explicit associations: where the path is written. */
  source?: { uri: string; path: string; target?: string; range?: Range };
}
