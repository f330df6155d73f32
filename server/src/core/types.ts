/**
 * Data types of the language service: the Language Server Protocol's own
 * (vscode-languageserver-types, data only: no connection), narrowed where
 * the service promises more, so the LSP wiring passes them through as they are.
 */

import type * as lsp from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

export type { Location, MarkupContent, Position, Range, SymbolInformation, TextEdit } from 'vscode-languageserver-types';
export { CompletionItemKind, InsertTextFormat, SymbolKind } from 'vscode-languageserver-types';
import type { CompletionItemKind, MarkupContent, Range, TextEdit } from 'vscode-languageserver-types';

/** LSP's DiagnosticSeverity (1 error, 2 warning, 3 information, 4 hint). */
export const Severity = DiagnosticSeverity;
export type Severity = DiagnosticSeverity;

export type SeverityName = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** An LSP diagnostic of aml-yaml: always a severity, a string code and our source. */
export interface Diagnostic extends lsp.Diagnostic {
  severity: Severity;
  code: string;
  source: 'aml-yaml';
  /** Extra machine-readable facts for quick-fixes (never shown to users). */
  data?: unknown;
}

/** A diagnostic as an editor sends it back (code actions): of any source (LSP 3.18 allows Markdown messages). */
export type EditorDiagnostic = Pick<lsp.Diagnostic, 'range' | 'severity' | 'code' | 'source'> & { message: unknown };

/** Whether an editor's diagnostic is one of aml-yaml's. */
export function isAmlDiagnostic(d: EditorDiagnostic): d is Diagnostic {
  return d.source === 'aml-yaml' && typeof d.code === 'string' && d.severity !== undefined && typeof d.message === 'string';
}

/** The service's workspace edits are `changes` by URI. */
export interface WorkspaceEdit extends lsp.WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface CodeAction extends lsp.CodeAction {
  kind: 'quickfix' | 'source.fixAll' | string;
  diagnostics?: Diagnostic[];
  /** Applied first; empty for actions that only run `command`. */
  edit: WorkspaceEdit;
}

export interface CompletionItem extends lsp.CompletionItem {
  kind: CompletionItemKind;
  documentation?: MarkupContent;
  textEdit?: TextEdit;
}

export interface CompletionList extends lsp.CompletionList {
  items: CompletionItem[];
}

export interface Hover extends lsp.Hover {
  contents: MarkupContent;
  range?: Range;
}

export interface DocumentSymbol extends lsp.DocumentSymbol {
  children?: DocumentSymbol[];
}

/** The text of a document as the service sees it. */
export interface TextSource {
  uri: string;
  version: number;
  text: string;
}
