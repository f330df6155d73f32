import type { ParsedFile, YamlNode, YamlPath, YamlSection } from '../core/document';
import type { SeverityName } from '../core/types';
import type { WorkspaceView } from '../workspace/view';
import { Edits } from './edits';
import type { SchemaStore } from '../schema/store';
import { kindsOfFamily } from '../core/kinds';

/** A text edit in offsets of the file's text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface RuleFix {
  title: string;
  edits: OffsetEdit[];
  /** The one obvious fix (VS Code applies it with Ctrl+. Enter / auto-fix). */
  isPreferred?: boolean;
}

export interface RuleReport {
  message: string;
  /** Offsets of the most precise range: the offending item, key or value. */
  start: number;
  end: number;
  /** For rules with two default levels (for example info for unknown, warning for wrong). */
  severity?: SeverityName;
  fixes?: RuleFix[];
}

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

export interface Rule {
  /** Fixed id from the rule catalogue; also the file name. */
  id: string;
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

export const COMPUTE_KINDS = ['amlCompute', 'computeInstance'] as const;
/** Every datastore kind (family `datastore` in the kind registry). */
export const DATASTORE_KINDS: readonly string[] = kindsOfFamily('datastore');
