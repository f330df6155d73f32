import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Node as YamlNode,
  type Pair,
  type ParsedNode,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { LIMITS, regexInput } from './limits';
import { shiftRanges, walkYaml } from './walk';
import { LineIndex } from './text';
import { buildValue, type ValueProblem } from './value';

export { LIMITS };

export type PathSegment = string | number;
export type YamlPath = PathSegment[];

/** A problem of the parse (syntax, limits, values PyYAML reads differently): the same shape as core/value.ts's. */
export type ParseProblem = ValueProblem;

/** One YAML document of a file (files may hold several, separated by `---`). */
export interface YamlSection {
  index: number;
  /** Offset of the first character that belongs to this document. */
  start: number;
  /** Offset just past this document. */
  end: number;
  doc: Document.Parsed;
  /** The document as plain data (undefined when it could not be built). */
  value: unknown;
  problems: ParseProblem[];
  /** Values of the document, aliases expanded (LIMITS.maxNodes bounds it). */
  nodes?: number;
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  sections: YamlSection[];
  /** A problem that stopped analysis of the whole file (size, binary content). */
  fatal?: ParseProblem;
}

// eslint-disable-next-line no-control-regex -- control characters mark a binary file
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

/**
 * How every document is parsed. The core schema whatever the `%YAML`
 * directive says (the value builder applies PyYAML's YAML 1.1 readings itself,
 * so that a document reads the same with and without the directive);
 * `uniqueKeys` off because its check scans the whole mapping for every key
 * (quadratic; `duplicateKeys()` does it in one pass); log level 'error' so
 * that the yaml package prints nothing to the process (an LSP server's stderr).
 */
export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error', schema: 'core' } as const;

/** Parses every YAML document of a text, keeping source ranges. */
export function parseYaml(text: string): ParsedFile {
  const lines = new LineIndex(text);
  if (text.length > LIMITS.maxTextLength) {
    return {
      text,
      lines,
      sections: [],
      fatal: {
        code: 'file-too-large',
        message: `This file has ${text.length} characters; aml-yaml analyses files up to ${LIMITS.maxTextLength} characters and skipped it.`,
        start: 0,
        end: Math.min(text.length, lines.lineEnd(0)),
        severity: 'warning',
      },
    };
  }
  const binary = BINARY.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  if (binary) {
    return {
      text,
      lines,
      sections: [],
      fatal: {
        code: 'binary-content',
        message: 'This file contains control characters that YAML does not allow (it looks binary); aml-yaml did not analyse it.',
        start: binary.index,
        end: binary.index + 1,
        severity: 'error',
      },
    };
  }
  const overflow = aliasOverflow(text);
  if (overflow !== undefined) {
    return {
      text,
      lines,
      sections: [],
      fatal: {
        code: 'alias-limit',
        message: `This file has more than ${LIMITS.maxAliasExpansion.toLocaleString('en-US')} aliases (each counts at least one value against the limit); aml-yaml did not analyse it.`,
        start: overflow,
        end: overflow + 1,
        severity: 'error',
      },
    };
  }
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, ...PARSE_OPTIONS }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (err) {
    return {
      text,
      lines,
      sections: [],
      fatal: { code: 'yaml-syntax', message: `The YAML parser stopped: ${(err as Error).message}`, start: 0, end: 0, severity: 'error' },
    };
  }
  const sections: YamlSection[] = [];
  let fatal: ParseProblem | undefined;
  const lenient = lenientQuotedScalars(text, docs, lineCounter);
  if (lenient) docs = lenient;
  docs.forEach((doc, index) => {
    if (index >= LIMITS.maxDocuments) {
      if (!fatal) {
        fatal = {
          code: 'too-many-documents',
          message: `This file has ${docs.length} YAML documents; aml-yaml analyses the first ${LIMITS.maxDocuments}.`,
          start: doc.range[0],
          end: Math.min(doc.range[0] + 3, text.length),
          severity: 'warning',
        };
      }
      return;
    }
    sections.push(makeSection(doc, index, text));
  });
  return { text, lines, sections, fatal };
}

/**
 * The offset of the first alias beyond the expansion limit, counted without
 * parsing (a `*` that starts a token), in a text of one document: each alias
 * expands to at least one value, so such a document would stop at the limit
 * anyway, after a parse that costs seconds for hundreds of thousands of
 * aliases. Undefined when the count is under the limit or the text holds
 * several documents (each has its own limit).
 */
function aliasOverflow(text: string): number | undefined {
  if (text.length < 2 * LIMITS.maxAliasExpansion || text.includes('\n---')) return undefined;
  let count = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const prev = i === 0 ? 10 : text.charCodeAt(i - 1);
    // After a line start, a space or tab, `[`, `{`, `,` or `:`; followed by an anchor name.
    if (prev !== 10 && prev !== 13 && prev !== 32 && prev !== 9 && prev !== 91 && prev !== 123 && prev !== 44 && prev !== 58) continue;
    const next = text.charCodeAt(i + 1);
    if (
      Number.isNaN(next) ||
      next === 32 ||
      next === 9 ||
      next === 10 ||
      next === 13 ||
      next === 44 ||
      next === 91 ||
      next === 93 ||
      next === 123 ||
      next === 125
    )
      continue;
    if (++count > LIMITS.maxAliasExpansion) return i;
  }
  return undefined;
}

function makeSection(doc: Document.Parsed, index: number, text: string): YamlSection {
  const problems: ParseProblem[] = [];
  for (const at of (doc as Lenient)[LENIENT] ?? []) {
    problems.push({
      code: 'yaml-syntax',
      message:
        'This continuation line of a quoted string is not indented more than its key. PyYAML (which the Azure ML CLI uses) accepts it, but YAML 1.2 parsers do not: indent it further.',
      start: at,
      end: lineEndAt(text, at),
      severity: 'warning',
    });
  }
  // The yaml package records a stack overflow on deep nesting as an error at each level; one too-deep problem says it.
  let overflowAt: number | undefined;
  for (const e of doc.errors) {
    if (/maximum call stack/i.test(e.message)) {
      overflowAt ??= e.pos[0];
      continue;
    }
    problems.push({
      code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      message: cleanMessage(e.message),
      start: e.pos[0],
      end: Math.max(e.pos[1], e.pos[0] + 1),
      severity: 'error',
    });
  }
  for (const dup of duplicateKeys(doc.contents)) problems.push(duplicateKeyProblem(dup));
  for (const w of doc.warnings) {
    // Tags: the value builder reports those PyYAML cannot read (and accepts !!set, !!binary, ... that it can).
    if (w.code === 'TAG_RESOLVE_FAILED' && /^Unresolved tag/.test(w.message)) continue;
    problems.push({
      code: 'yaml-syntax',
      message: cleanMessage(w.message),
      start: w.pos[0],
      end: Math.max(w.pos[1], w.pos[0] + 1),
      severity: 'warning',
    });
  }
  let value: unknown;
  let nodes: number | undefined;
  const deep = tooDeep(doc.contents, LIMITS.maxDepth);
  if (!deep && overflowAt !== undefined) {
    problems.push({
      code: 'too-deep',
      message: 'This document nests too deeply for the YAML parser; aml-yaml did not analyse it further.',
      start: overflowAt,
      end: overflowAt + 1,
      severity: 'warning',
    });
  } else if (deep) {
    problems.push({
      code: 'too-deep',
      message: `This document nests deeper than ${LIMITS.maxDepth} levels; aml-yaml did not analyse it further.`,
      start: deep.range?.[0] ?? 0,
      end: (deep.range?.[0] ?? 0) + 1,
      severity: 'warning',
    });
  } else {
    const built = buildValue(doc, text);
    for (const p of built.problems) problems.push(p);
    if (built.stopped) problems.push(built.stopped);
    else value = built.value;
    nodes = built.nodes;
  }
  return { index, start: doc.range[0], end: doc.range[2], doc, value, problems, nodes };
}

const LENIENT = Symbol('lenient-lines');
/** A document re-parsed leniently, with the offsets of the lines that were made parseable. */
type Lenient = Document & { [LENIENT]?: number[] };

/**
 * PyYAML, which the Azure ML CLI loads YAML with, accepts a multi-line quoted
 * scalar whose continuation lines are indented no more than its key; the yaml
 * package (correctly, for YAML 1.2) stops with "Missing closing quote". To
 * judge files as the CLI does, indent those lines by the missing amount,
 * reparse, and map every offset back to the original text. The documents that
 * come back carry the offsets of the lines so treated (reported as warnings).
 */
function lenientQuotedScalars(text: string, docs: Document.Parsed[], lineCounter: LineCounter): Document.Parsed[] | undefined {
  const starts: number[] = [];
  for (const d of docs)
    for (const e of d.errors) if (e.code === 'MISSING_CHAR' && /closing .?quote/i.test(e.message)) starts.push(e.pos[0]);
  if (!starts.length) return undefined;
  const inserts: Array<{ at: number; count: number }> = [];
  for (const errorAt of starts) {
    // The error points at the end of the line; the scalar opens earlier on it.
    const lineStart = text.lastIndexOf('\n', errorAt - 1) + 1;
    const line = regexInput(text.slice(lineStart, errorAt + 1));
    const open = line === undefined ? null : /^\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?(["'])/.exec(line);
    if (!open) continue;
    const start = lineStart + open[0].length - 1;
    const quote = text[start];
    const keyIndent = /^ */.exec(text.slice(lineStart))![0].length;
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i];
      if (quote === '"' && c === '\\') {
        if (text[i + 1] !== '\n' && text[i + 1] !== '\r') i++; // an escaped line break still ends the line
        continue;
      }
      if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        break;
      }
      if (c === '\n') {
        const indent = /^ */.exec(text.slice(i + 1))![0].length;
        const nextChar = text[i + 1 + indent];
        if (nextChar !== undefined && nextChar !== '\n' && nextChar !== '\r' && indent <= keyIndent)
          inserts.push({ at: i + 1, count: keyIndent + 1 - indent });
      }
    }
  }
  if (!inserts.length) return undefined;
  inserts.sort((a, b) => a.at - b.at);
  let patched = '';
  let last = 0;
  for (const ins of inserts) {
    patched += text.slice(last, ins.at) + ' '.repeat(ins.count);
    last = ins.at;
  }
  patched += text.slice(last);
  // new offset -> old offset
  const toOld = (n: number): number => {
    let shift = 0;
    for (const ins of inserts) {
      const newAt = ins.at + shift;
      if (n < newAt) break;
      if (n < newAt + ins.count) return ins.at;
      shift += ins.count;
    }
    return n - shift;
  };
  let reparsed: Document.Parsed[];
  try {
    reparsed = parseAllDocuments(patched, { lineCounter: new LineCounter(), ...PARSE_OPTIONS }) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(reparsed)) return undefined;
  const before = docs.reduce((n, d) => n + d.errors.length, 0);
  const after = reparsed.reduce((n, d) => n + d.errors.length, 0);
  if (after >= before) return undefined;
  for (const d of reparsed) {
    remapRanges(d, toOld);
    (d as Lenient)[LENIENT] = inserts.filter((i) => i.at >= toOld(d.range[0]) && i.at <= toOld(d.range[2])).map((i) => i.at);
  }
  void lineCounter;
  return reparsed;
}

function remapRanges(doc: Document.Parsed, toOld: (n: number) => number): void {
  const fix = (r: number[] | undefined | null) => {
    if (!r) return;
    for (let i = 0; i < r.length; i++) r[i] = toOld(r[i]);
  };
  fix(doc.range as unknown as number[]);
  for (const e of [...doc.errors, ...doc.warnings]) {
    e.pos[0] = toOld(e.pos[0]);
    e.pos[1] = toOld(e.pos[1]);
  }
  shiftRanges(doc.contents, toOld);
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line N, column M" and a source excerpt; the editor shows the position itself.
  const at = message.search(/ at line \d+, column \d+/);
  return (at < 0 ? message : message.slice(0, at)).trimEnd();
}

/** A scalar key that repeats an earlier key of the same mapping: its range and its value. */
export interface DuplicateKey {
  start: number;
  end: number;
  key: unknown;
}

/** The scalar keys that repeat an earlier key of the same mapping (what the yaml package's uniqueKeys reports), in document order. */
export function duplicateKeys(node: unknown): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  walkYaml(node, (n) => {
    if (!isMap(n)) return;
    const seen = new Set<unknown>();
    for (const pair of (n as YAMLMap).items) {
      const key = pair.key;
      // PyYAML applies every `<<` merge key of a mapping: repeating it is not a repeated key.
      if (!isScalar(key) || (key.value === '<<' && key.type === 'PLAIN')) continue;
      if (seen.has(key.value) && key.range)
        out.push({ start: key.range[0], end: Math.max(key.range[1], key.range[0] + 1), key: key.value });
      seen.add(key.value);
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Longest key quoted whole in a duplicate-key message. */
const KEY_SHOWN = 80;

/**
 * A repeated key, as the Azure ML CLI reads it: PyYAML (`yaml.safe_load` in
 * azure-ai-ml) keeps the last value and drops the earlier ones without a
 * word, so the CLI does not fail: a warning on the whole repeated key.
 */
export function duplicateKeyProblem(dup: DuplicateKey): ParseProblem {
  const raw = dup.key === null ? 'null' : String(dup.key);
  const shown = raw.length > KEY_SHOWN ? `${raw.slice(0, KEY_SHOWN)}…` : raw;
  return {
    code: 'duplicate-key',
    message: `The key "${shown}" appears earlier in this mapping. The Azure ML CLI (PyYAML) keeps only this last value and drops the earlier one without a word: remove or rename one of them.`,
    start: dup.start,
    end: dup.end,
    severity: 'warning',
  };
}

/** The first node (in document order) nested deeper than max collections, if any. */
export function tooDeep(node: unknown, max: number): YamlNode | undefined {
  let found: YamlNode | undefined;
  walkYaml(node, (n, depth) => {
    if (depth <= max) return;
    found = n;
    return 'stop';
  });
  return found;
}

export function sectionAt(file: ParsedFile, offset: number): YamlSection | undefined {
  if (file.sections.length === 0) return undefined;
  for (const s of file.sections) {
    if (offset >= s.start && offset <= s.end) return s;
  }
  // Between documents (on a `---` line) or past the end: the nearest document before.
  let best = file.sections[0];
  for (const s of file.sections) if (s.start <= offset) best = s;
  return best;
}

// ---------------------------------------------------------------------------
// Navigating the syntax tree

/** The node at a YAML path, or undefined. Follows aliases. */
export function nodeAtPath(root: unknown, path: YamlPath): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  for (const seg of path) {
    node = deref(node);
    if (isMap(node)) {
      const pair = findPair(node, seg);
      if (!pair) return undefined;
      node = (pair.value ?? undefined) as YamlNode | undefined;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as YamlNode | undefined;
    } else return undefined;
  }
  return node ?? undefined;
}

/** The pair whose key is the last segment of path (for ranges on keys). */
export function pairAtPath(root: unknown, path: YamlPath): Pair<ParsedNode, ParsedNode | null> | undefined {
  if (path.length === 0) return undefined;
  const parent = deref(nodeAtPath(root, path.slice(0, -1)));
  if (!isMap(parent)) return undefined;
  return findPair(parent, path[path.length - 1]) as Pair<ParsedNode, ParsedNode | null> | undefined;
}

/** Per mapping, its pairs by key text (first occurrence), so that a lookup does not scan a large mapping. */
const pairIndex = new WeakMap<YAMLMap, { items: unknown[]; length: number; byKey: Map<string, Pair> }>();

export function findPair(map: YAMLMap, key: PathSegment): Pair | undefined {
  const wanted = String(key);
  if (map.items.length <= 16) {
    for (const item of map.items) if (keyText(item.key) === wanted) return item;
    return undefined;
  }
  let index = pairIndex.get(map);
  if (!index || index.items !== map.items || index.length !== map.items.length) {
    const byKey = new Map<string, Pair>();
    for (const item of map.items) {
      const k = keyText(item.key);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item);
    }
    index = { items: map.items, length: map.items.length, byKey };
    pairIndex.set(map, index);
  }
  const pair = index.byKey.get(wanted);
  if (!pair || keyText(pair.key) === wanted) return pair;
  // A key changed in place since the index was built: rebuild it once.
  pairIndex.delete(map);
  return findPair(map, key);
}

export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

function deref(node: YamlNode | undefined): YamlNode | undefined {
  // Aliases are resolved only through the document's value; for ranges we stay on the alias node.
  return node;
}

export interface NodeHit {
  /** Path of the innermost node containing the offset. */
  path: YamlPath;
  node: YamlNode;
  /** Set when the offset is on a mapping key: the pair that owns it. */
  pair?: Pair;
  onKey: boolean;
}

/** The innermost node that contains offset, with its path. */
export function nodeAtOffset(section: YamlSection, offset: number): NodeHit | undefined {
  const root = section.doc.contents as YamlNode | null;
  if (!root || !contains(root, offset)) return undefined;
  let path: YamlPath = [];
  let node: YamlNode = root;
  for (let depth = 0; depth < LIMITS.maxDepth; depth++) {
    let next: { node: YamlNode; seg: PathSegment; pair?: Pair; onKey: boolean } | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (key && key.range && offset >= key.range[0] && offset <= key.range[1]) {
          const seg = keyText(key) ?? '';
          return { path: [...path, seg], node: key, pair, onKey: true };
        }
        if (value && contains(value, offset)) {
          next = { node: value, seg: keyText(key) ?? '', pair, onKey: false };
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (!next && item && contains(item as YamlNode, offset)) next = { node: item as YamlNode, seg: i, onKey: false };
      });
    }
    if (!next) return { path, node, onKey: false };
    path = [...path, next.seg];
    node = next.node;
    if (isScalar(node) || isAlias(node)) return { path, node, pair: next.pair, onKey: false };
  }
  return { path, node, onKey: false };
}

function contains(node: YamlNode, offset: number): boolean {
  const r = node.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

/** The value at a path in plain data. */
export function valueAtPath(value: unknown, path: YamlPath): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

export { isMap, isSeq, isScalar, isPair, isAlias, Scalar, YAMLMap, YAMLSeq };
export type { YamlNode, Pair };
