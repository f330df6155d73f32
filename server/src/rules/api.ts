import type { ParsedFile, YamlNode, YamlPath, YamlSection } from '../core/document';
import type { SeverityName } from '../core/types';
import type { WorkspaceView } from '../workspace/view';
import { Edits } from '../core/yamlEdits';
import type { SchemaStore } from '../schema/store';
import { kindsOfFamily } from '../core/kinds';

export type { OffsetEdit } from '../core/textEdits';
import type { OffsetEdit } from '../core/textEdits';

export interface RuleFix {
  title: string;
  edits: OffsetEdit[];
  /** The one obvious fix (VS Code applies it with Ctrl+. Enter / auto-fix). */
  isPreferred?: boolean;
}

/**
 * Where a finding is: the key of the entry at a YAML path, the value at a
 * path, or a node of the parse. The engine turns it into the range; a target
 * that is not in the document (no such path, a node without a range) drops
 * the report.
 */
export type RuleTarget = { key: YamlPath } | { value: YamlPath } | { node: YamlNode | null | undefined };

interface RuleReportFields {
  message: string;
  /** For rules with two default levels (for example info for unknown, warning for wrong). */
  severity?: SeverityName;
  fixes?: RuleFix[];
}

/**
 * A finding at the most precise place: the offending item, key or value.
 * Give it as a target (`at`); offsets (`start`, `end`) are for a part of a
 * scalar only (a placeholder inside a string).
 */
export type RuleReport = RuleReportFields & ({ at: RuleTarget; start?: never; end?: never } | { start: number; end: number; at?: never });

/** Where a rule's caveat comes from: one of the five source articles. */
export interface Article {
  url: string;
  title: string;
}

export interface RuleContext {
  kind: string;
  uri: string;
  /** The document as plain data (always a mapping when rules run). */
  value: Record<string, unknown>;
  section: YamlSection;
  file: ParsedFile;
  /** The other specs of the repository; undefined when no index exists (single-file use). */
  workspace?: WorkspaceView;
  report(report: RuleReport): void;
  /** Ranges and nodes of the document by YAML path. */
  node(path: YamlPath): YamlNode | undefined;
  keyRange(path: YamlPath): [number, number] | undefined;
  valueRange(path: YamlPath): [number, number] | undefined;
  /** Formatting-preserving edit builders. */
  edits: Edits;
  /** The service's schemas, for rules that read annotations such as `x-resourceType`. */
  schemas: SchemaStore;
}

/**
 * What a rule file under `catalog/` exports. Its id is the file name (a fixed
 * id of the rule catalogue): `scripts/gen-catalog.mjs` adds it in the
 * generated `catalog/index.ts`, so a rule never repeats it.
 */
export interface Rule {
  defaultSeverity: SeverityName;
  /** One sentence: what the rule checks. */
  description: string;
  /** The article whose caveat the rule enforces (links the diagnostic and docs page). */
  article?: Article;
  /** Exact sentences quoted from the article, shown in hovers and docs. */
  quotes?: string[];
  /**
   * Fields (YAML paths; `*` matches any one segment) whose hover shows this
   * rule's quotes with the article link, in documents of the rule's kinds.
   */
  hoverFields?: ReadonlyArray<ReadonlyArray<string | number>>;
  /** The kinds the rule runs on. */
  kinds: readonly string[];
  /** Needs the workspace index; silent without it. */
  crossFile?: boolean;
  check(ctx: RuleContext): void;
}

/** A rule of the catalogue with its id (its file name), as the engine runs it. */
export interface CatalogRule extends Rule {
  readonly id: string;
}

export const ARTICLES = {
  synapse: {
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-private-endpoint-integration-synapse',
    title: 'How to securely integrate Azure Machine Learning and Azure Synapse',
  },
  batch: {
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-secure-batch-endpoint',
    title: 'Network isolation in batch endpoints',
  },
  inferencing: {
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-secure-inferencing-vnet',
    title: 'Secure an Azure Machine Learning inferencing environment with virtual networks',
  },
  identity: {
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication',
    title: 'Set up authentication between Azure Machine Learning and other services',
  },
  privateLink: {
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link',
    title: 'Configure a private endpoint for an Azure Machine Learning workspace',
  },
} as const satisfies Record<string, Article>;

/** Every datastore kind (family `datastore` in the kind registry). */
export const DATASTORE_KINDS: readonly string[] = kindsOfFamily('datastore');
