import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from './types';

/** A text edit in offsets of the file's text (what rules and checks produce). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * The one edit applier: LSP text edits applied as an editor applies them
 * (`TextDocument.applyEdits`: sorted by start, edits at the same position in
 * their given order; overlapping edits are an error).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('untitled:edit', 'yaml', 0, text), edits as TextEdit[]);
}

/** Offset edits applied through the same applier. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const doc = TextDocument.create('untitled:edit', 'yaml', 0, text);
  return TextDocument.applyEdits(
    doc,
    edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
  );
}
