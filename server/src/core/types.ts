/**
 * Plain data types of the language service. They have the same shape as the
 * Language Server Protocol's types so the LSP wiring can pass them through,
 * but the core never imports an LSP package.
 */

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based column in UTF-16 code units, as LSP requires. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

export type SeverityName = 'off' | 'hint' | 'info' | 'warning' | 'error';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: string;
  source: 'aml-yaml';
  message: string;
  codeDescription?: { href: string };
  /** Extra machine-readable facts for quick-fixes (never shown to users). */
  data?: unknown;
  tags?: number[];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

/** A command the client runs (LSP `Command`). */
export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'source.fixAll' | string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  /** Applied first; empty for actions that only run `command`. */
  edit: WorkspaceEdit;
  command?: Command;
}

export const enum CompletionItemKind {
  Text = 1,
  Field = 5,
  Variable = 6,
  Module = 9,
  Property = 10,
  Value = 12,
  Enum = 13,
  Keyword = 14,
  Snippet = 15,
  Reference = 18,
  EnumMember = 20,
}

export const enum InsertTextFormat {
  PlainText = 1,
  Snippet = 2,
}

export interface CompletionItem {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: { kind: 'markdown'; value: string };
  insertText?: string;
  insertTextFormat?: InsertTextFormat;
  textEdit?: TextEdit;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  /** 2 = adjust the indentation of inserted lines to the cursor line's. */
  insertTextMode?: 1 | 2;
  command?: { title: string; command: string };
  /** Edits elsewhere in the document, applied with the item (a modeline above `$schema`). */
  additionalTextEdits?: TextEdit[];
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}

export interface Hover {
  contents: { kind: 'markdown'; value: string };
  range?: Range;
}

export interface Location {
  uri: string;
  range: Range;
}

export const enum SymbolKind {
  File = 1,
  Module = 2,
  Namespace = 3,
  Class = 5,
  Property = 7,
  Field = 8,
  Function = 12,
  Variable = 13,
  String = 15,
  Number = 16,
  Boolean = 17,
  Array = 18,
  Object = 19,
  Key = 20,
  Event = 24,
}

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface SymbolInformation {
  name: string;
  kind: SymbolKind;
  location: Location;
  containerName?: string;
}

/** The text of a document as the service sees it. */
export interface TextSource {
  uri: string;
  version: number;
  text: string;
}
