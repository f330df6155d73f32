import { parseYaml, type ParsedFile } from '../core/document';
import { isAmlDiagnostic, type CodeAction, type Diagnostic, type EditorDiagnostic, type Range, type TextEdit } from '../core/types';
import { applyOffsetEdits, type OffsetEdit } from '../core/textEdits';
import { fixKey, type Analysis } from './analysis';
import type { FixEntry } from './analysis';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

function toTextEdits(analysis: Analysis, fix: FixEntry): TextEdit[] {
  return fix.edits.map((e) => ({ range: analysis.file.lines.range(e.start, e.end), newText: e.newText }));
}

/**
 * Quick-fixes for the diagnostics under a range, plus "fix all" per rule when
 * the file has several fixable diagnostics of that rule.
 */
export function doCodeActions(analysis: Analysis, range: Range, diagnostics?: readonly EditorDiagnostic[]): CodeAction[] {
  const candidates = (diagnostics ?? analysis.diagnostics).filter(isAmlDiagnostic).filter((d) => overlaps(d.range, range));
  const actions: CodeAction[] = [];
  const codes = new Set<string>();
  // In a document that already has YAML errors, node ranges may not cover what the user meant:
  // a fix is offered only if the YAML it leaves parses no worse.
  const baseline = parseErrors(analysis.file);
  for (const d of candidates) {
    const fixes = (analysis.fixes.get(fixKey(String(d.code), d.range)) ?? []).filter(
      (f) => baseline === 0 || !breaksYaml(analysis, f.edits, baseline),
    );
    const preferredCount = fixes.filter((f) => f.isPreferred).length;
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: fix.isPreferred && preferredCount === 1 ? true : undefined,
        edit: { changes: { [analysis.uri]: toTextEdits(analysis, fix) } },
      });
    }
    if (fixes.length) codes.add(String(d.code));
  }
  for (const code of codes) {
    const all = fixAllEdits(analysis, code);
    if (all.count > 1) {
      actions.push({
        title: `Fix all "${code}" problems in this file`,
        kind: 'quickfix',
        diagnostics: all.diagnostics,
        edit: { changes: { [analysis.uri]: all.edits } },
      });
    }
  }
  return actions;
}

/** The first (preferred) fix of every diagnostic of a code, without overlapping edits. */
export function fixAllEdits(analysis: Analysis, code?: string): { edits: TextEdit[]; count: number; diagnostics: Diagnostic[] } {
  const chosen: Array<{ start: number; end: number; newText: string }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const d of analysis.diagnostics) {
    if (code && d.code !== code) continue;
    const fixes = analysis.fixes.get(fixKey(String(d.code), d.range)) ?? [];
    const fix = fixes.find((f) => f.isPreferred) ?? (fixes.length === 1 ? fixes[0] : undefined);
    if (!fix) continue;
    const clash = fix.edits.some((e) =>
      chosen.some((c) => (e.start < c.end && c.start < e.end) || (e.start === e.end && e.start === c.start)),
    );
    if (clash) continue;
    if (sameTextTwice(chosen, fix.edits) && breaksYaml(analysis, [...chosen, ...fix.edits], parseErrors(analysis.file))) {
      // Two fixes that write the same text can collide (two unknown keys renamed to the same key): keep the first.
      continue;
    }
    chosen.push(...fix.edits);
    diagnostics.push(d);
  }
  // In a document with YAML errors, "fix all" applies only if the result parses no worse.
  const baseline = chosen.length ? parseErrors(analysis.file) : 0;
  if (baseline > 0 && breaksYaml(analysis, chosen, baseline)) return { edits: [], count: 0, diagnostics: [] };
  const edits = chosen
    .sort((a, b) => a.start - b.start)
    .map((e) => ({ range: analysis.file.lines.range(e.start, e.end), newText: e.newText }));
  return { edits, count: diagnostics.length, diagnostics };
}

/** Whether applying edits leaves more YAML errors than the document has (baseline). */
function breaksYaml(analysis: Analysis, edits: OffsetEdit[], baseline: number): boolean {
  return parseErrors(parseYaml(applyOffsetEdits(analysis.file.text, edits))) > baseline;
}

function sameTextTwice(chosen: OffsetEdit[], edits: OffsetEdit[]): boolean {
  return edits.some((e) => e.newText.trim() !== '' && chosen.some((c) => c.newText === e.newText));
}

/** Errors the YAML parser reports for a text, and repeated keys (a warning: the CLI keeps the last value): a fix must not add any. */
function parseErrors(file: ParsedFile): number {
  let n = file.fatal?.severity === 'error' ? 1 : 0;
  for (const s of file.sections) for (const p of s.problems) if (p.severity === 'error' || p.code === 'duplicate-key') n++;
  return n;
}
