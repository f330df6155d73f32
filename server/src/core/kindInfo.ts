/** The data types of the kind registry (`kinds.generated.ts` is data of these types; `kinds.ts` is its API). */

export type KindFamily = 'workspace' | 'compute' | 'job' | 'component' | 'asset' | 'endpoint' | 'deployment' | 'datastore' | 'other';

/** What a reference field names (`x-reference`). */
export type ReferenceCategory = 'compute' | 'environment' | 'data' | 'model' | 'component' | 'datastore' | 'endpoint';

/** Which identity schema of the CLI a block is loaded with (`x-identity`). */
export type IdentityShape = 'workspace' | 'compute' | 'endpoint' | 'job';

/**
 * A path into a document: keys, `*` for any key of a map, `[]` for any item
 * of a list.
 */
export type FieldPath = readonly string[];

/**
 * One content-detection rule (`x-kind.detect`): it matches a document when
 * every condition holds; among matching rules of all kinds the lowest rank wins.
 */
export interface DetectRule {
  /** The document's `type`, trimmed and lower-cased, is one of these. */
  type?: readonly string[];
  /** Every entry is present; an entry `a|b` is present when either key is. */
  all?: readonly string[];
  /** None of these keys is present. */
  none?: readonly string[];
  /** No key outside this list is present. */
  only?: readonly string[];
  rank: number;
  /** Shown in the status bar tooltip after "content: ". */
  reason?: string;
}

export interface KindInfo {
  id: string;
  /** Short name for people: status bar, messages, starters. */
  title: string;
  family: KindFamily;
  /** Lower-cased `$schema` file names (without .schema.json/.json) that mean this kind. */
  schemaNames: readonly string[];
  /** Kind ids used for the same thing elsewhere (the corpus manifest, older docs). */
  aliases?: readonly string[];
  /** Only a `$schema` under this URL path segment means this kind (prompt flow's own schemas). */
  schemaPathHint?: string;
  /** The canonical `$schema` URL offered for the kind. */
  schemaUrl: string;
  /** The azure-ai-ml function `az ml <x> create --file` loads the kind with. */
  loader?: string;
  /** The reference category whose names this kind defines (`azureml:<name>` of a compute, ...). */
  referencedAs?: ReferenceCategory;
  detect: readonly DetectRule[];
  /** Fields that name another asset. */
  references: ReadonlyArray<{ path: FieldPath; category: ReferenceCategory }>;
  /** Fields that hold a secret. */
  secrets: readonly FieldPath[];
  /** What to do instead of writing a secret into the file. */
  secretAdvice?: string;
  /** Identity blocks and the CLI schema each is loaded with. */
  identity: ReadonlyArray<{ path: FieldPath; shape: IdentityShape }>;
  /** Keys the CLI command line usually supplies (not required in the file). */
  cliSupplied: ReadonlyArray<{ path: FieldPath; flag: string }>;
  /** Built-in checks of the CLI's loader (`x-check`), by the place they apply to. */
  checks: ReadonlyArray<{ path: FieldPath; code: string }>;
  /** Lines of a hand-written starter spec (after `$schema`), as a VS Code snippet. */
  starter?: readonly string[];
}
