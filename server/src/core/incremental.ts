import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Pair, type YAMLMap } from 'yaml';
import { duplicateKeys, keyText, LIMITS, PARSE_OPTIONS, tooDeep, type ParsedFile, type YamlNode, type YamlSection } from './document';
import { LineIndex } from './text';
import { buildValue } from './value';

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

  // The edit: old [from, oldEnd) became new [from, newEnd).
  let from = 0;
  const max = Math.min(old.length, text.length);
  while (from < max && old.charCodeAt(from) === text.charCodeAt(from)) from++;
  let tail = 0;
  while (tail < max - from && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;

  // The deepest block-mapping entry that holds the edit and has a next sibling (its lines end where the sibling's begin).
  const path: string[] = [];
  let target: { pair: Pair; start: number; end: number; depth: number } | undefined;
  let map = root as YAMLMap;
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
    if (oldEnd >= nextLine || name === undefined || name === '__proto__' || !isScalar(key) || !/^ *$/.test(old.slice(lineStart, key.range![0]))) break;
    path.push(name);
    // The entry's text runs to the sibling's key, the indentation before it included.
    if (next?.range && nextLine > key.range![0] && /^ *$/.test(old.slice(nextLine, next.range[0]))) target = { pair, start: lineStart, end: next.range[0], depth: path.length };
    const value = pair.value as YamlNode | null;
    if (!isMap(value) || (value as YAMLMap).flow) break;
    map = value as YAMLMap;
    bound = nextLine;
  }
  if (!target || from < (target.pair.key as YamlNode).range![0]) return undefined;
  const targetPath = path.slice(0, target.depth);

  // Anchors and aliases tie distant parts of a document together.
  if (hasAnchorsOrAliases(root)) return undefined;

  // The entry's new lines, parsed alone at the same columns.
  const chunk = text.slice(target.start, target.end + delta);
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
  if (doc.errors.length || doc.warnings.length || !isMap(top) || (top as YAMLMap).flow || (top as YAMLMap).items.length !== 1) return undefined;
  const pair = (top as YAMLMap).items[0];
  // Same key at the same column: the entry still lines up with its siblings.
  const column = (target.pair.key as YamlNode).range![0] - target.start;
  if (!isScalar(pair.key) || keyText(pair.key) !== keyText(target.pair.key) || (pair.key as YamlNode).range![0] !== column || hasAnchorsOrAliases(top)) return undefined;
  if (duplicateKeys(top).length || tooDeep(top, LIMITS.maxDepth - targetPath.length)) return undefined;
  // The entry's value, read as a full parse reads it (YAML 1.1 booleans, limits); any problem: parse it all.
  const built = buildValue(doc, chunk);
  if (built.stopped || built.problems.length || built.value === null || typeof built.value !== 'object') return undefined;
  // The document's limits hold for the whole: near them, a full parse decides.
  if ((section.nodes ?? Infinity) + built.nodes > LIMITS.maxNodes / 2) return undefined;
  const entry = (built.value as Record<string, unknown>)[keyText(pair.key)!];

  // Splice: new entry offsets move by the entry's start; old offsets after the entry by delta.
  shift(section.doc.contents, (n) => (n >= target!.end ? n + delta : n));
  const docRange = section.doc.range as unknown as number[];
  for (let i = 0; i < docRange.length; i++) if (docRange[i] >= target.end) docRange[i] += delta;
  shift(pair.key, (n) => n + target.start);
  shift(pair.value, (n) => n + target.start);
  target.pair.key = pair.key;
  target.pair.value = pair.value;

  const value = withEntry(section.value, targetPath, entry);
  const next: YamlSection = { index: section.index, start: section.start, end: section.end >= target.end ? section.end + delta : section.end, doc: section.doc, value, problems: [], nodes: section.nodes! + built.nodes };
  return { text, lines: new LineIndex(text), sections: [next] };
}

function hasAnchorsOrAliases(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop() as any;
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n) || n.anchor) return true;
    if (isPair(n)) stack.push(n.key, n.value);
    else if (isMap(n) || isSeq(n)) for (const item of (n as any).items) stack.push(item);
  }
  return false;
}

/** Applies f to every offset of every node's range under node. */
function shift(node: unknown, f: (n: number) => number): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop() as any;
    if (!n || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (Array.isArray(n.range)) for (let i = 0; i < n.range.length; i++) n.range[i] = f(n.range[i]);
    if (isMap(n) || isSeq(n)) for (const item of (n as any).items) stack.push(item);
  }
}

/** A copy of value with the entry at path replaced; unchanged branches are shared. */
function withEntry(value: unknown, path: string[], entry: unknown): unknown {
  if (!path.length) return entry;
  const obj = value as Record<string, unknown>;
  return { ...obj, [path[0]]: withEntry(obj[path[0]], path.slice(1), entry) };
}
