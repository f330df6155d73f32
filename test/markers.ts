/**
 * Positions in fixtures, computed instead of counted by hand, so that a
 * fixture can change without recounting lines and columns.
 *
 * - `marked(fixture)`: the fixture marks ranges with « and »; they are
 *   removed, and the ranges come back in text order (`«»` marks a position).
 * - `rangeOf(text, snippet)`: the range of a snippet that occurs exactly once
 *   in the text; « » inside the snippet narrow the range to the marked part
 *   (`'image_build_compute: «cpu»'`).
 *
 * Ranges are LSP ranges: 0-based lines, UTF-16 columns.
 */
import { LineIndex } from '../server/src/core/text';
import type { Position, Range } from '../server/src/core/types';

export const OPEN = '«';
export const CLOSE = '»';

/** Removes « » markers from a fixture; returns the plain text and the marked ranges in order of their start. */
export function marked(fixture: string): { text: string; ranges: Range[]; offsets: Array<[number, number]> } {
  let text = '';
  const offsets: Array<[number, number]> = [];
  const open: number[] = [];
  for (const ch of fixture) {
    if (ch === OPEN) open.push(text.length);
    else if (ch === CLOSE) {
      const start = open.pop();
      if (start === undefined) throw new Error(`a ${CLOSE} without its ${OPEN} in the fixture:\n${fixture}`);
      offsets.push([start, text.length]);
    } else text += ch;
  }
  if (open.length) throw new Error(`a ${OPEN} without its ${CLOSE} in the fixture:\n${fixture}`);
  offsets.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lines = new LineIndex(text);
  return { text, offsets, ranges: offsets.map(([s, e]) => ({ start: lines.positionAt(s), end: lines.positionAt(e) })) };
}

/** Offsets of `snippet` in `text` (it must occur exactly once); « » inside the snippet select part of it. */
export function offsetsOf(text: string, snippet: string): [number, number] {
  const { text: plain, offsets } = marked(snippet);
  if (offsets.length > 1) throw new Error(`the snippet marks ${offsets.length} ranges; mark at most one: ${snippet}`);
  const at = text.indexOf(plain);
  if (at < 0) throw new Error(`${JSON.stringify(plain)} is not in the text:\n${text}`);
  if (text.indexOf(plain, at + 1) >= 0) throw new Error(`${JSON.stringify(plain)} occurs more than once in the text: give more context`);
  const [s, e] = offsets[0] ?? [0, plain.length];
  return [at + s, at + e];
}

/** The range of `snippet` in `text` (see offsetsOf). */
export function rangeOf(text: string, snippet: string): Range {
  const [s, e] = offsetsOf(text, snippet);
  const lines = new LineIndex(text);
  return { start: lines.positionAt(s), end: lines.positionAt(e) };
}

/** Where `snippet` (or its marked part) starts in `text`. */
export function positionOf(text: string, snippet: string): Position {
  return rangeOf(text, snippet).start;
}

/** The 0-based line where `snippet` (or its marked part) starts. */
export function lineOf(text: string, snippet: string): number {
  return positionOf(text, snippet).line;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}
