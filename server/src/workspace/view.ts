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
  /** The spec as plain data. */
  value: Record<string, unknown>;
}

export interface WorkspaceView {
  /**
   * The workspace spec a file belongs to: the one in its own folder or the
   * nearest ancestor folder that has one. Undefined when there is none, or
   * when several candidates at the same level leave no way to choose.
   */
  workspaceFor(uri: string): SpecSummary | undefined;
  /** Every indexed spec, optionally of some kinds only. */
  specs(kinds?: readonly string[]): SpecSummary[];
  /** Specs of the given kinds whose `name` equals name. */
  byName(kinds: readonly string[], name: string): SpecSummary[];
}
