import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from './types';

/**
 * Maps offsets to LSP positions and back, over vscode-languageserver-
 * textdocument's TextDocument (UTF-16 columns; lines end at \n, \r\n or a
 * lone \r; a position never points inside a line break), with the line
 * helpers the service needs.
 */
export class LineIndex {
  private readonly doc: TextDocument;

  constructor(readonly text: string) {
    this.doc = TextDocument.create('untitled:text', 'yaml', 0, text);
  }

  get lineCount(): number {
    return this.doc.lineCount;
  }

  positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.doc.offsetAt(position);
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    return this.doc.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  }

  lineStart(line: number): number {
    return this.doc.offsetAt({ line: Math.max(0, Math.min(line, this.lineCount - 1)), character: 0 });
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The line break the text already uses, so edits keep the file's style. */
export function lineBreakOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}
