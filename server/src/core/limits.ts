/**
 * The budget every analysis runs within, whatever the file: each limit
 * reached is one diagnostic where analysis stops (`file-too-large`,
 * `too-many-documents`, `too-deep`, `alias-limit`, `too-many-nodes`,
 * `too-many-keys`, `analysis-stopped`: `BUILTIN_CODES`), never a
 * hang. The numbers are far above what a real Azure ML spec needs; they bound
 * the work a hostile file can cause, together with algorithms that stay
 * linear in the size of the text (no alias is resolved by a scan, no key by a
 * scan of its mapping, no regular expression runs on unbounded text).
 */
export const LIMITS = {
  /** Characters of text analysed; larger files get one diagnostic and no analysis. */
  maxTextLength: 4 * 1024 * 1024,
  /** Documents in one file that are analysed; the rest are reported and skipped. */
  maxDocuments: 500,
  /** Nesting depth analysed. */
  maxDepth: 200,
  /**
   * Nodes that aliases add to a document's value when expanded (each alias
   * counts the size of what it stands for, and at least 1, so aliases of
   * empty collections count too).
   */
  maxAliasExpansion: 100_000,
  /** Nodes of a document's value, aliases expanded. */
  maxNodes: 1_000_000,
  /** Keys of one mapping. */
  maxKeysPerMap: 50_000,
  /**
   * Characters of a line or scalar that a regular expression of a feature
   * (completion context, `$schema` detection, secret scanning) is run on;
   * longer ones are treated as opaque.
   */
  maxRegexInput: 4096,
} as const;

/**
 * A time budget for the analysis of one document version. Analysis checks it
 * between its phases (schema validation, each rule, references) and stops
 * with an `analysis-stopped` diagnostic once it is spent.
 */
export class Budget {
  private readonly deadline: number;
  /** Set once the budget was found spent; the phase that was skipped. */
  stoppedAt: string | undefined;

  constructor(
    readonly ms: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deadline = now() + ms;
  }

  static unlimited(): Budget {
    return new Budget(Number.POSITIVE_INFINITY);
  }

  /** True (and remembered) when the deadline has passed; `phase` names what is skipped. */
  spent(phase: string): boolean {
    if (this.stoppedAt !== undefined) return true;
    if (this.now() < this.deadline) return false;
    this.stoppedAt = phase;
    return true;
  }
}

/** `text` if it is short enough for a regular expression, else undefined. */
export function regexInput(text: string): string | undefined {
  return text.length <= LIMITS.maxRegexInput ? text : undefined;
}
