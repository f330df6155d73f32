import { isAlias, isMap, isScalar, parseAllDocuments, type Document, type Pair, type YAMLMap } from 'yaml';
import { duplicateKeys, keyText, LIMITS, PARSE_OPTIONS, tooDeep, type ParsedFile, type YamlNode, type YamlSection } from './document';
import { LineIndex } from './text';
import { buildValue } from './value';
import { shiftRanges, walkYaml } from './walk';

/**
 * Re-parsing after an edit without parsing the whole file again: when the
 * edit lies inside one entry of a block mapping (a step of a pipeline job,
 * one key of a spec), only that entry's lines are parsed, spliced into the
 * previous syntax tree, and the offsets after it shifted. Every condition
 * under which the result could differ from a full parse sends the caller back
 * to parseYaml (undefined): a previous parse with any problem, several
 * documents, anchors or aliases, an edit outside one entry, an entry that no
 * longer parses alone as exactly the same key, unusual characters. The
 * differential test in test/fuzz/ compares the two parses on random edits.
 *
 * The previous parse's syntax tree is reused and changed in place: it must
 * not be used after this call (service.parse keeps only the latest parse).
 * Node end offsets (`range[2]`, which take in trailing comments) inside the
 * re-parsed entry may differ from a full parse's; nothing reads them, and the
 * document's own range is exact.
 */
export function reparseEdited(prev: ParsedFile, text: string): ParsedFile | undefined {
  const old = prev.text;
  if (prev.fatal || prev.sections.length !== 1 || text.length > LIMITS.maxTextLength || text === old) return undefined;
  // Directives (%YAML, %TAG) apply to the whole document: a chunk parsed alone would not see them.
  if (/^%/m.test(old) || /^%/m.test(text)) return undefined;
  const section = prev.sections[0];
  if (section.problems.length || section.value === undefined || prev.sections[0].doc.errors.length) return undefined;
  const root = section.doc.contents as YamlNode | null;
  if (!isMap(root) || (root as YAMLMap).flow) return undefined;

  const edit = editSpan(old, text);
  const found = entryHolding(root as YAMLMap, old, edit);
  if (!found) return undefined;
  // Anchors and aliases tie distant parts of a document together.
  if (hasAnchorsOrAliases(root)) return undefined;
  const parsed = parseEntry(text, found.target, edit.delta, found.path.length, section.nodes);
  if (!parsed) return undefined;

  splice(section, found.target, parsed.pair, edit.delta);
  const value = withEntry(section.value, found.path, parsed.entry);
  const next: YamlSection = {
    index: section.index,
    start: section.start,
    end: section.end >= found.target.end ? section.end + edit.delta : section.end,
    doc: section.doc,
    value,
    problems: [],
    nodes: section.nodes! + parsed.nodes,
  };
  return { text, lines: new LineIndex(text), sections: [next] };
}

interface EditSpan {
  /** The edit: old [from, oldEnd) became new [from, oldEnd + delta). */
  from: number;
  oldEnd: number;
  delta: number;
}

interface Entry {
  pair: Pair;
  /** The entry's text: from its line's start to the next sibling's key. */
  start: number;
  end: number;
}

function editSpan(old: string, text: string): EditSpan {
  let from = 0;
  const max = Math.min(old.length, text.length);
  while (from < max && old.charCodeAt(from) === text.charCodeAt(from)) from++;
  let tail = 0;
  while (tail < max - from && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { from, oldEnd: old.length - tail, delta: text.length - old.length };
}

/** The deepest block-mapping entry that holds the edit and has a next sibling (its lines end where the sibling's begin), and its path. */
function entryHolding(root: YAMLMap, old: string, { from, oldEnd }: EditSpan): { target: Entry; path: string[] } | undefined {
  const path: string[] = [];
  let target: (Entry & { depth: number }) | undefined;
  let map = root;
  // Entries are found by their keys' offsets only (node end offsets depend on what follows them).
  let bound = old.length;
  for (let depth = 0; depth < LIMITS.maxDepth; depth++) {
    let i = -1;
    for (let j = 0; j < map.items.length; j++) {
      const k = map.items[j].key as YamlNode | null;
      if (!k?.range) return undefined;
      if (k.range[0] > from) break;
      i = j;
    }
    if (i < 0) break;
    const pair = map.items[i];
    const key = pair.key as YamlNode;
    const next = map.items[i + 1]?.key as YamlNode | null | undefined;
    const lineStart = old.lastIndexOf('\n', key.range![0] - 1) + 1;
    const nextLine = next?.range ? old.lastIndexOf('\n', next.range[0] - 1) + 1 : bound;
    const name = keyText(key);
    if (
      oldEnd >= nextLine ||
      name === undefined ||
      name === '__proto__' ||
      !isScalar(key) ||
      !/^ *$/.test(old.slice(lineStart, key.range![0]))
    )
      break;
    path.push(name);
    // The entry's text runs to the sibling's key, the indentation before it included.
    if (next?.range && nextLine > key.range![0] && /^ *$/.test(old.slice(nextLine, next.range[0])))
      target = { pair, start: lineStart, end: next.range[0], depth: path.length };
    const value = pair.value as YamlNode | null;
    if (!isMap(value) || (value as YAMLMap).flow) break;
    map = value as YAMLMap;
    bound = nextLine;
  }
  if (!target || from < (target.pair.key as YamlNode).range![0]) return undefined;
  return { target, path: path.slice(0, target.depth) };
}

/** The entry's new lines, parsed alone at the same columns; undefined unless they read exactly as a full parse would. */
function parseEntry(
  text: string,
  target: Entry,
  delta: number,
  depth: number,
  sectionNodes: number | undefined,
): { pair: Pair; entry: unknown; nodes: number } | undefined {
  const chunk = text.slice(target.start, target.end + delta);
  // eslint-disable-next-line no-control-regex -- characters a lone entry must not hold to be re-parsed alone
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff\ud800-\udfff]/.test(chunk) || /^(---|\.\.\.)/m.test(chunk)) return undefined;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(chunk, PARSE_OPTIONS) as Document.Parsed[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const doc = docs[0];
  const top = doc.contents as YamlNode | null;
  if (doc.errors.length || doc.warnings.length || !isMap(top) || (top as YAMLMap).flow || (top as YAMLMap).items.length !== 1)
    return undefined;
  const pair = (top as YAMLMap).items[0];
  // Same key at the same column: the entry still lines up with its siblings.
  const column = (target.pair.key as YamlNode).range![0] - target.start;
  if (
    !isScalar(pair.key) ||
    keyText(pair.key) !== keyText(target.pair.key) ||
    (pair.key as YamlNode).range![0] !== column ||
    hasAnchorsOrAliases(top)
  )
    return undefined;
  if (duplicateKeys(top).length || tooDeep(top, LIMITS.maxDepth - depth)) return undefined;
  // The entry's value, read as a full parse reads it (YAML 1.1 booleans, limits); any problem: parse it all.
  const built = buildValue(doc, chunk);
  if (built.stopped || built.problems.length || built.value === null || typeof built.value !== 'object') return undefined;
  // The document's limits hold for the whole: near them, a full parse decides.
  if ((sectionNodes ?? Infinity) + built.nodes > LIMITS.maxNodes / 2) return undefined;
  return { pair, entry: (built.value as Record<string, unknown>)[keyText(pair.key)!], nodes: built.nodes };
}

/** Splice: new entry offsets move by the entry's start; old offsets after the entry by delta. */
function splice(section: YamlSection, target: Entry, pair: Pair, delta: number): void {
  shiftRanges(section.doc.contents, (n) => (n >= target.end ? n + delta : n));
  const docRange = section.doc.range as unknown as number[];
  for (let i = 0; i < docRange.length; i++) if (docRange[i] >= target.end) docRange[i] += delta;
  shiftRanges(pair.key, (n) => n + target.start);
  shiftRanges(pair.value, (n) => n + target.start);
  target.pair.key = pair.key;
  target.pair.value = pair.value;
}

function hasAnchorsOrAliases(node: unknown): boolean {
  return walkYaml(node, (n) => (isAlias(n) || (n as { anchor?: string }).anchor ? 'stop' : undefined));
}

/** A copy of value with the entry at path replaced; unchanged branches are shared. */
function withEntry(value: unknown, path: string[], entry: unknown): unknown {
  if (!path.length) return entry;
  const obj = value as Record<string, unknown>;
  return { ...obj, [path[0]]: withEntry(obj[path[0]], path.slice(1), entry) };
}
