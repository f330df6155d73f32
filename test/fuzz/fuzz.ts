/**
 * The fuzzing harness: mutations of YAML text with a seeded PRNG, and a
 * checker that runs every feature of AmlLanguageService on a text and
 * reports what went wrong (exceptions, slow calls, invalid ranges, fixes that
 * break the YAML). Used by fuzz.test.ts (random inputs) and by the replay of
 * the saved regressions in test/fixtures/fuzz-regressions/.
 */
import { parseAllDocuments } from 'yaml';
import { parseYaml } from '../../server/src/core/document';
import { LineIndex } from '../../server/src/core/text';
import type { Position, Range, TextSource } from '../../server/src/core/types';
import type { AmlLanguageService } from '../../server/src/service';
import type { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { applyEdits } from '../helpers';
import { tooSlow } from '../timing';

export { prng } from '../prng';

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[int(rnd, a.length)];

/** Characters that stress a YAML tool: indicators, quotes, control and odd Unicode. */
const NASTY = [
  ':',
  ': ',
  '-',
  '- ',
  '?',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  '&a',
  '*a',
  '!',
  '!!str',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '\\',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  '${{',
  '}}',
  '<<: *a',
  '---',
  '...',
  'null',
  '~',
  'true',
  '0x1F',
  '1e309',
  ' ',
];

export type Mutation = (lines: string[], rnd: Rnd, donor: string[]) => string[];

export const MUTATIONS: Record<string, Mutation> = {
  deleteLine: (l, r) => (l.length ? l.filter((_, i) => i !== int(r, l.length)) : l),
  duplicateLine: (l, r) => {
    if (!l.length) return l;
    const i = int(r, l.length);
    return [...l.slice(0, i + 1), l[i], ...l.slice(i + 1)];
  },
  swapLines: (l, r) => {
    if (l.length < 2) return l;
    const i = int(r, l.length);
    const j = r() < 0.5 ? Math.min(l.length - 1, i + 1) : int(r, l.length);
    const out = [...l];
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  },
  changeIndent: (l, r) => {
    if (!l.length) return l;
    const i = int(r, l.length);
    const out = [...l];
    const k = r();
    if (k < 0.4) out[i] = ' '.repeat(1 + int(r, 4)) + out[i];
    else if (k < 0.8) out[i] = out[i].replace(new RegExp(`^ {1,${1 + int(r, 4)}}`), '');
    else out[i] = out[i].replace(/^ +/, (m) => '\t'.repeat(Math.max(1, m.length >> 1)));
    return out;
  },
  truncate: (l, r) => {
    const text = l.join('\n');
    return text.slice(0, int(r, text.length + 1)).split('\n');
  },
  insertRandomBytes: (l, r) => {
    const text = l.join('\n');
    const at = int(r, text.length + 1);
    let ins = '';
    for (let k = 1 + int(r, 4); k > 0; k--) ins += r() < 0.85 ? pick(r, NASTY) : String.fromCharCode(int(r, 0x10000));
    return (text.slice(0, at) + ins + text.slice(at)).split('\n');
  },
  flipQuotes: (l, r) => {
    if (!l.length) return l;
    const i = int(r, l.length);
    const out = [...l];
    const k = r();
    if (k < 0.4) out[i] = out[i].replace(/['"]/g, (q) => (q === '"' ? "'" : '"'));
    else if (k < 0.7) out[i] = out[i].replace(/: (.*)$/, (_m, v) => `: ${pick(r, ['"', "'"])}${v}`);
    else out[i] = out[i].replace(/['"]/, '');
    return out;
  },
  spliceFromAnotherFile: (l, r, donor) => {
    if (!donor.length) return l;
    const at = int(r, l.length + 1);
    const from = int(r, donor.length);
    return [...l.slice(0, at), ...donor.slice(from, from + 1 + int(r, 6)), ...l.slice(at)];
  },
};

export function mutate(text: string, rnd: Rnd, donor: string): { text: string; applied: string[] } {
  let lines = text.split('\n');
  const donorLines = donor.split('\n');
  const applied: string[] = [];
  const names = Object.keys(MUTATIONS);
  for (let k = 1 + int(rnd, 4); k > 0; k--) {
    const name = pick(rnd, names);
    lines = MUTATIONS[name](lines, rnd, donorLines);
    applied.push(name);
  }
  return { text: lines.join('\n'), applied };
}

// ---------------------------------------------------------------------------
// Checking

export interface Problem {
  /** What failed: `exception:<feature>`, `slow:<feature>`, `range:<feature>`, `fix-breaks-yaml`. */
  kind: string;
  detail: string;
  position?: Position;
}

/**
 * Calls one feature: an exception becomes an `exception:<feature>` problem
 * (the first six lines of its stack) and the result undefined; `timed` gets
 * the call's duration, to report a slow or hung call.
 */
export function guarded<T>(
  problems: Problem[],
  feature: string,
  fn: () => T,
  timed: (ms: number) => void,
  position?: Position,
): T | undefined {
  const t0 = performance.now();
  try {
    return fn();
  } catch (err) {
    problems.push({
      kind: `exception:${feature}`,
      detail: String((err as Error)?.stack ?? err)
        .split('\n')
        .slice(0, 6)
        .join('\n'),
      position,
    });
    return undefined;
  } finally {
    timed(performance.now() - t0);
  }
}

/** A call is slow (a problem) beyond HANG_FLOOR_MS and beyond this many times the YAML parse of the same text, measured then. */
export const SLOW_FACTOR = 20;

function parseFloorMs(text: string): number {
  const t0 = performance.now();
  try {
    parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch {
    // the time until the parser gave up is the floor
  }
  return performance.now() - t0;
}

/** Errors the parser reports for a text (a fix must not add any). */
export function parseErrorCount(text: string): number {
  const file = parseYaml(text);
  let n = file.fatal?.severity === 'error' ? 1 : 0;
  for (const s of file.sections)
    for (const p of s.problems) if ((p.severity === 'error' && p.code === 'yaml-syntax') || p.code === 'duplicate-key') n++;
  return n;
}

function validRange(r: Range | undefined, lines: LineIndex): boolean {
  if (!r) return true;
  const ok = (p: Position) =>
    Number.isInteger(p?.line) && Number.isInteger(p?.character) && p.line >= 0 && p.character >= 0 && p.line < lines.lineCount;
  if (!ok(r.start) || !ok(r.end)) return false;
  return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
}

/** Positions to probe: random offsets, line ends, and a few out of range. */
export function positionsFor(text: string, rnd: Rnd, count: number): Position[] {
  const lines = new LineIndex(text);
  const out: Position[] = [];
  for (let i = 0; i < count; i++) {
    const k = rnd();
    if (k < 0.7) out.push(lines.positionAt(int(rnd, text.length + 1)));
    else if (k < 0.9) {
      const line = int(rnd, lines.lineCount);
      out.push({ line, character: lines.lineEnd(line) - lines.lineStart(line) });
    } else
      out.push(
        pick(rnd, [
          { line: lines.lineCount + 3, character: 0 },
          { line: 0, character: 10_000 },
          { line: -1, character: -1 },
          { line: 1e9, character: 1e9 },
        ]),
      );
  }
  return out;
}

/**
 * Runs every feature on a text at the given positions and returns the
 * problems found. `index`, when given, also gets the text as an open document.
 */
export function checkText(
  service: AmlLanguageService,
  uri: string,
  text: string,
  positions: Position[],
  index?: WorkspaceIndex,
): Problem[] {
  const problems: Problem[] = [];
  const doc: TextSource = { uri, version: 1, text };
  const lines = new LineIndex(text);
  const call = <T>(feature: string, fn: () => T, position?: Position): T | undefined =>
    guarded(
      problems,
      feature,
      fn,
      (ms) => {
        const slow = tooSlow(ms, () => parseFloorMs(text), SLOW_FACTOR);
        if (slow)
          problems.push({
            kind: `slow:${feature}`,
            detail: `${ms.toFixed(0)} ms (parse floor ${slow.baselineMs.toFixed(0)} ms)`,
            position,
          });
      },
      position,
    );
  const range = (feature: string, r: Range | undefined, position?: Position) => {
    if (!validRange(r, lines)) problems.push({ kind: `range:${feature}`, detail: JSON.stringify(r), position });
  };

  if (index) call('index', () => index.setOpenDocument(uri, text, 1));
  const diagnostics = call('diagnostics', () => service.diagnostics(doc)) ?? [];
  for (const d of diagnostics) range('diagnostics', d.range);
  const symbols = call('documentSymbols', () => service.documentSymbols(doc)) ?? [];
  const walk = (s: any) => {
    range('documentSymbols', s.range);
    range('documentSymbols', s.selectionRange);
    for (const c of s.children ?? []) walk(c);
  };
  symbols.forEach(walk);

  for (const position of positions) {
    const list = call('completion', () => service.complete(doc, position), position);
    for (const item of list?.items ?? [])
      if (item.textEdit && 'range' in item.textEdit) range('completion', item.textEdit.range as Range, position);
    const hover = call('hover', () => service.hover(doc, position), position);
    if (hover) range('hover', hover.range, position);
    const defs = call('definition', () => service.definition(doc, position), position) ?? [];
    for (const d of defs) if (d.uri === uri) range('definition', d.range, position);
    call('references', () => service.references(doc, position, true), position);
  }

  // Code actions on every diagnostic, and on a random range; every fix applied.
  const before = parseErrorCount(text);
  const ranges: Range[] = [
    ...diagnostics.map((d) => d.range),
    ...(positions.length ? [{ start: positions[0], end: positions[positions.length - 1] }] : []),
  ];
  const tried = new Set<string>();
  for (const r of ranges) {
    const actions = call('codeActions', () => service.codeActions(doc, r)) ?? [];
    for (const action of actions) {
      const edits = action.edit?.changes?.[uri] ?? [];
      for (const e of edits) range('codeActions', e.range);
      const key = JSON.stringify(edits);
      if (tried.has(key)) continue;
      tried.add(key);
      const fixed = call('applyFix', () => applyEdits(text, edits));
      if (fixed === undefined) continue;
      const after = call('parseFixed', () => parseErrorCount(fixed));
      if (after !== undefined && after > before) {
        problems.push({
          kind: 'fix-breaks-yaml',
          detail: `"${action.title}": ${before} parse errors before, ${after} after; edits ${JSON.stringify(edits).slice(0, 400)}`,
        });
      }
    }
  }
  call('workspaceSymbols', () => service.workspaceSymbols(text.slice(0, 3)));
  return problems;
}
