import { Severity, type Diagnostic } from '../../core/types';
import type { CheckResult } from '../check';
import { clip, escapeText } from '../escape';

export interface ReportInput {
  result: CheckResult;
  /** The tool's version (package.json). */
  version: string;
  /** ANSI colours (stylish only). */
  color: boolean;
}

/**
 * A formatter that yields its output in pieces (one file or one result at a
 * time): the CLI writes them as they come, so that no single string has to
 * hold a report of any size.
 */
export type ChunkedFormatter = (input: ReportInput) => Iterable<string>;

/** Longest message printed: messages quote keys and values of the files. */
export const MAX_MESSAGE = 1000;

/**
 * A JSON document whose array at `marker` is written element by element:
 * `skeleton` holds `[marker]` where the elements go; the text is the same as
 * JSON.stringify(document, null, 2) would give with the elements in place.
 */
export function* jsonWithArray(
  skeleton: unknown,
  marker: string,
  elements: Iterable<unknown>,
  escape: (s: string) => string,
): Iterable<string> {
  const text = JSON.stringify(skeleton, null, 2);
  const at = text.indexOf(JSON.stringify(marker));
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = text.slice(lineStart, at);
  // `[\n<indent>"marker"\n<outer>]` becomes `[\n<indent>e1,\n<indent>e2\n<outer>]`, or `[]` when empty.
  const open = text.lastIndexOf('[', lineStart);
  const close = text.indexOf(']', at);
  let first = true;
  for (const e of elements) {
    yield first ? escape(text.slice(0, lineStart)) : ',\n';
    first = false;
    yield escape(indent + JSON.stringify(e, null, 2).replace(/\n/g, `\n${indent}`));
  }
  if (first) yield escape(`${text.slice(0, open)}[]${text.slice(close + 1)}\n`);
  else yield escape(`${text.slice(at + JSON.stringify(marker).length)}\n`);
}

export interface Counts {
  errors: number;
  warnings: number;
  /** Information and hint diagnostics. */
  infos: number;
  fixable: number;
}

export function countAll(result: CheckResult): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const f of result.files) {
    for (const d of f.diagnostics) {
      if (d.severity === Severity.Error) c.errors++;
      else if (d.severity === Severity.Warning) c.warnings++;
      else c.infos++;
    }
    c.fixable += f.fixable;
  }
  return c;
}

export const SEVERITY_LABEL: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The message as data (json, SARIF): secrets redacted, on one line, clipped. */
export function messageOf(input: ReportInput, d: Diagnostic): string {
  const lines = input.result.redact(clip(d.message, 4 * MAX_MESSAGE)).split(/\r\n|\r|\n/);
  return clip(
    lines
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' '),
    MAX_MESSAGE,
  );
}

/** The message for a terminal or a log (stylish, GitHub): also control characters escaped. */
export function shownMessageOf(input: ReportInput, d: Diagnostic): string {
  return escapeText(messageOf(input, d));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
