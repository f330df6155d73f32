/**
 * The messages between the VS Code client and the server besides LSP's own:
 * every custom request and notification with the types of its params and
 * result, and the client's `initializationOptions`. Both sides name a message
 * by the constant declared here (never by its method string), so a wrong
 * param or result shape is a compile error on either side.
 *
 * It imports nothing: the client bundles it, and the server's layers below
 * the LSP wiring read its data types. The client and the server turn a
 * signature into their own vscode-jsonrpc `RequestType` (they use different
 * versions of it, whose classes are not interchangeable).
 */

/** A request without params. `result` is a type only: it never holds a value. */
export interface RequestSignature0<R> {
  readonly method: string;
  readonly params: 0;
  readonly result?: R;
}

/** A request with one params object. `types` is a type only: it never holds a value. */
export interface RequestSignature<P, R> {
  readonly method: string;
  readonly params: 1;
  readonly types?: { params: P; result: R };
}

/** A notification with one params object. `types` is a type only: it never holds a value. */
export interface NotificationSignature<P> {
  readonly method: string;
  readonly types?: { params: P };
}

const request0 = <R>(method: string): RequestSignature0<R> => ({ method, params: 0 });
const request = <P, R>(method: string): RequestSignature<P, R> => ({ method, params: 1 });
const notification = <P>(method: string): NotificationSignature<P> => ({ method });

// ---------------------------------------------------------------------------
// Data

/** A starter spec: the result items of `aml-yaml/starters`. */
export interface Starter {
  id: string;
  label: string;
  description: string;
  kind: string;
  /** A VS Code snippet (tab stops `${1:...}`). */
  snippet: string;
}

/** Red Hat YAML (`redhat.vscode-yaml`) as the VS Code client sees it. */
export interface RedHatYamlState {
  /** Installed and enabled. */
  installed: boolean;
  /** Its validation is on for YAML files (`yaml.validate`). */
  validates: boolean;
  version?: string;
}

/** The client's `initializationOptions`. */
export interface InitializationOptions {
  /** The `aml-yaml` settings (other LSP clients; the VS Code client answers `workspace/configuration`). */
  settings?: unknown;
  redHatYaml?: RedHatYamlState;
  /**
   * Other LSP clients (Neovim, Helix, ...): `true` when a yaml-language-server
   * (`yamlls`) runs on the same YAML buffers, so that `auto` leaves YAML syntax,
   * duplicate keys and the outline to it. Absent or `false`: aml-yaml reports
   * them itself. `redHatYaml`, when given, wins.
   */
  yamlLanguageServer?: boolean;
  /** The client watches every file for the server, which then registers no watcher of its own. */
  watchesFiles?: boolean;
}

/** How a file's kind was found. */
export type KindSource = 'override' | 'schema' | 'content' | 'setting';

/** The kind of a document and the workspace it belongs to, sent with every analysis. */
export interface KindNotice {
  uri: string;
  kind: string | null;
  title: string | null;
  source: KindSource | null;
  reason: string | null;
  /** Which workspace spec the file belongs to and why, or why none (null before the index knows). */
  workspace?: { name: string | null; path: string | null; how: string; reason: string } | null;
}

/** A kind the user can pick for a file. */
export interface KindEntry {
  id: string;
  title: string;
}

/** A kind chosen for a file; `null` goes back to detection. */
export interface SetKindParams {
  uri: string;
  kind: string | null;
}

export type ModelineTarget = 'none' | 'schema';
export type ConflictScope = 'file' | 'workspace';

/** A modeline fix for Red Hat YAML's unreachable `$schema`. */
export interface ConflictEditRequest {
  target: ModelineTarget;
  scope: ConflictScope;
  /** The file the user acted on. */
  uri: string;
}

interface Position {
  line: number;
  character: number;
}

/** Files to change, and schema files to write, for a modeline fix. Paths are URIs. */
export interface ConflictEditPlan {
  changes: Array<{ uri: string; edits: Array<{ range: { start: Position; end: Position }; newText: string }> }>;
  /** Standalone schemas to write (created or replaced) for `schema` modelines. */
  schemas: Array<{ uri: string; kind: string; text: string }>;
  /** Files with a conflict that could not get a schema modeline (outside every workspace folder): they get `none`. */
  fellBackToNone: string[];
}

// ---------------------------------------------------------------------------
// Messages

/** Server to client, with every analysis: the status bar's kind. */
export const KindNotification = notification<KindNotice>('aml-yaml/kind');
/** Client to server: the kinds the user can pick. */
export const KindsRequest = request0<KindEntry[]>('aml-yaml/kinds');
/** Client to server: the kind of a file, chosen by the user. */
export const SetKindRequest = request<SetKindParams, null>('aml-yaml/setKind');
/** Client to server: the starter specs (with the modeline the settings ask for). */
export const StartersRequest = request0<Starter[]>('aml-yaml/starters');
/** Client to server: whether Red Hat YAML is installed and validating, when that changes. */
export const RedHatYamlNotification = notification<RedHatYamlState>('aml-yaml/redHatYaml');
/** Client to server: the edits of a modeline fix (the client previews and applies them). */
export const SchemaConflictEditsRequest = request<ConflictEditRequest, ConflictEditPlan | null>('aml-yaml/schemaConflictEdits');
