import { sectionAt, type ParsedFile, type YamlPath, type YamlSection } from './document';

/**
 * Where the cursor is, in terms of YAML structure, computed from the text so
 * that it works while the user is typing (when the parsed tree is often not
 * what the user means: a half-typed key on a new line becomes the
 * continuation of the previous scalar).
 */
export interface CursorContext {
  /** Typing a key of the mapping at `path`, or a value at `path`. */
  mode: 'key' | 'value';
  /** For keys: the mapping's path. For values: the path of the value. */
  path: YamlPath;
  /** What is typed so far of the key or value. */
  prefix: string;
  /** Offsets of the text a completion replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** Column at which the key starts (for building indented blocks). */
  keyColumn: number;
  /** The cursor line starts a new `- ` item. */
  newItem: boolean;
  /** The value is inside a flow collection (`{...}` or `[...]`). */
  inFlow: boolean;
  section?: YamlSection;
}

interface LineInfo {
  indent: number;
  /** Column of the last `- ` item marker on the line, if any. */
  dashColumn?: number;
  /** Column where the line's content (key or scalar) starts. */
  contentColumn: number;
  key?: string;
  /** Text after `key:` (without comment), trimmed. */
  afterColon?: string;
}

function stripComment(s: string): string {
  // A # starts a comment only at the line start or after whitespace, outside quotes.
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i);
  }
  return s;
}

function unquote(key: string): string {
  const k = key.trim();
  if (k.length >= 2 && ((k[0] === '"' && k.endsWith('"')) || (k[0] === "'" && k.endsWith("'")))) return k.slice(1, -1);
  return k;
}

export function analyseLine(text: string): LineInfo | undefined {
  const body = stripComment(text);
  if (!body.trim() || body.trim() === '---' || body.trim() === '...') return undefined;
  const indent = body.length - body.trimStart().length;
  let col = indent;
  let dashColumn: number | undefined;
  while (body[col] === '-' && (body[col + 1] === ' ' || body[col + 1] === undefined)) {
    dashColumn = col;
    col += 1;
    while (body[col] === ' ') col++;
  }
  const rest = body.slice(col).trimEnd();
  const kv = splitKey(rest);
  if (kv) return { indent, dashColumn, contentColumn: col, key: unquote(kv.key), afterColon: kv.after.trim() };
  return { indent, dashColumn, contentColumn: col };
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';

/**
 * `key: rest` of a line (comment stripped, trailing space trimmed): the key as
 * written (quoted or plain) and what follows the colon. A plain key starts
 * with none of `#'"{[`, has no `#`, and ends at the first colon followed by a
 * space or the end of the line. One pass over the line (no backtracking).
 */
function splitKey(rest: string): { key: string; after: string } | undefined {
  const first = rest[0];
  if (first === undefined || isSpace(first) || first === '#' || first === '{' || first === '[') return undefined;
  let end: number; // just past the key
  if (first === '"' || first === "'") {
    let i = 1;
    for (; i < rest.length; i++) {
      const c = rest[i];
      if (first === '"' && c === '\\') i++;
      else if (c === first) {
        if (first === "'" && rest[i + 1] === "'") i++;
        else break;
      }
    }
    if (i >= rest.length) return undefined;
    end = i + 1;
    let j = end;
    while (isSpace(rest[j])) j++;
    if (rest[j] !== ':' || (j + 1 < rest.length && !isSpace(rest[j + 1]))) return undefined;
    return { key: rest.slice(0, end), after: rest.slice(j + 1) };
  }
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i];
    if (c === '#') return undefined;
    if (c === ':' && (i + 1 === rest.length || isSpace(rest[i + 1]))) return { key: rest.slice(0, i).trimEnd(), after: rest.slice(i + 1) };
  }
  return undefined;
}

/** Computes the cursor context at an offset. Undefined inside comments and block scalars. */
export function cursorContext(file: ParsedFile, offset: number): CursorContext | undefined {
  const section = sectionAt(file, offset);
  const pos = file.lines.positionAt(offset);
  const lineStart = file.lines.lineStart(pos.line);
  const lineText = file.lines.lineText(pos.line);
  const before = lineText.slice(0, pos.character);
  const after = lineText.slice(pos.character);
  if (stripComment(before) !== before) return undefined; // in a comment
  const firstLine = section ? file.lines.positionAt(section.start).line : 0;

  // Flow collections on the current line: `key: {a: 1, b|}` or `key: [x, y|]`.
  const flow = flowContext(before);
  const lineInfo = analyseLine(before) ?? { indent: before.length, contentColumn: before.length };
  const isNewItem = lineInfo.dashColumn !== undefined;
  const keyColumn = lineInfo.contentColumn;
  const parent = parentPath(file, pos.line, keyColumn, lineInfo.dashColumn, firstLine);
  if (!parent) return undefined;
  const wordEnd = pos.character + (/^[^\s:#,\]}]*/.exec(after)?.[0].length ?? 0);

  if (flow) {
    const base = lineInfo.key !== undefined ? [...parent, lineInfo.key] : parent;
    const path = [...base, ...flow.path];
    const start = pos.character - flow.prefix.length;
    return {
      mode: flow.mode,
      path,
      prefix: flow.prefix,
      replaceStart: lineStart + start,
      replaceEnd: lineStart + wordEnd,
      keyColumn,
      newItem: false,
      inFlow: true,
      section,
    };
  }

  // Right after the key's colon: nothing to complete yet (a colon inside the value, as in `azureml:`, is fine).
  if (lineInfo.key !== undefined && before.endsWith(':') && !/:\s/.test(before.slice(keyColumn))) return undefined;
  if (lineInfo.key !== undefined && /:\s/.test(before.slice(keyColumn))) {
    const valueText = before.slice(before.indexOf(':', keyColumn) + 1).replace(/^\s+/, '');
    if (/^[|>]/.test(valueText)) return undefined;
    const prefix = valueText.replace(/^["']/, '');
    const start = pos.character - prefix.length;
    const hash = after.indexOf('#');
    const endTrim = (hash < 0 ? after : after.slice(0, hash)).trimEnd();
    return {
      mode: 'value',
      path: [...parent, lineInfo.key!],
      prefix,
      replaceStart: lineStart + start - (valueText.length - prefix.length),
      replaceEnd: lineStart + pos.character + endTrim.length,
      keyColumn,
      newItem: isNewItem,
      inFlow: false,
      section,
    };
  }
  // Typing a key (or a scalar list item) on this line.
  const prefix = before.slice(keyColumn);
  if (/[:{}[\],]/.test(prefix)) return undefined;
  return {
    mode: 'key',
    path: parent,
    prefix,
    replaceStart: lineStart + keyColumn,
    replaceEnd: lineStart + wordEnd,
    keyColumn,
    newItem: isNewItem,
    inFlow: false,
    section,
  };
}

/**
 * The path of the mapping that a key at `keyColumn` on line `line` belongs to,
 * found by walking up to less-indented `key:` lines and counting `- ` items.
 */
function parentPath(
  file: ParsedFile,
  line: number,
  keyColumn: number,
  dashColumn: number | undefined,
  firstLine: number,
): YamlPath | undefined {
  const path: YamlPath = [];
  let want = keyColumn;
  let item: { indent: number; index: number } | undefined = dashColumn !== undefined ? { indent: dashColumn, index: 0 } : undefined;
  if (item) want = dashColumn! + 0.5; // the parent key may sit at the dash's own column
  for (let l = line - 1; l >= firstLine; l--) {
    const text = file.lines.lineText(l);
    if (/^---/.test(text)) break;
    const info = analyseLine(text);
    if (!info) continue;
    if (item) {
      if (info.dashColumn === item.indent) {
        item.index++;
        continue;
      }
      if (info.indent > item.indent) continue;
      // The first line at or left of the dashes that is not a sibling item: the sequence's key.
      if (info.key === undefined || info.afterColon) return undefined;
      path.unshift(item.index);
      path.unshift(info.key);
      item = undefined;
      want = info.contentColumn;
      if (info.dashColumn !== undefined) {
        item = { indent: info.dashColumn, index: 0 };
        want = info.dashColumn + 0.5;
      }
      continue;
    }
    if (info.contentColumn >= want && info.indent >= want) continue; // sibling or deeper
    if (info.contentColumn === want && info.dashColumn !== undefined) {
      // The first key of our own `- ` item.
      item = { indent: info.dashColumn, index: 0 };
      want = info.dashColumn + 0.5;
      continue;
    }
    if (info.contentColumn > want) continue;
    if (info.key === undefined) return undefined;
    if (info.afterColon) {
      if (/^[|>][-+0-9]*$/.test(info.afterColon)) return undefined; // inside a block scalar
      if (info.contentColumn < want) return undefined; // a scalar value cannot own keys
      continue;
    }
    path.unshift(info.key);
    want = info.contentColumn;
    if (info.dashColumn !== undefined) {
      item = { indent: info.dashColumn, index: 0 };
      want = info.dashColumn + 0.5;
    }
  }
  if (item) path.unshift(item.index);
  return path;
}

/** Context inside a flow collection that is still open before the cursor. */
function flowContext(before: string): { mode: 'key' | 'value'; path: YamlPath; prefix: string } | undefined {
  const stack: Array<{ ch: '{' | '['; start: number; index: number; key?: string }> = [];
  let quote: string | undefined;
  let segStart = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      if (top?.ch === '{') top.key = keyOf(before.slice(segStart, i));
      stack.push({ ch: c, start: i, index: 0 });
      segStart = i + 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      segStart = i + 1;
    } else if (c === ',' && stack.length) {
      stack[stack.length - 1].index++;
      segStart = i + 1;
    }
  }
  if (!stack.length) return undefined;
  const path: YamlPath = [];
  for (let i = 0; i < stack.length - 1; i++) {
    const s = stack[i];
    if (s.ch === '[') path.push(s.index);
    else if (s.key !== undefined) path.push(s.key);
  }
  const top = stack[stack.length - 1];
  const seg = before.slice(segStart).replace(/^\s+/, '');
  if (top.ch === '[') {
    path.push(top.index);
    if (seg.includes(':')) {
      const k = keyOf(seg.slice(0, seg.indexOf(':')) + ':');
      return { mode: 'value', path: [...path, k ?? ''], prefix: seg.slice(seg.indexOf(':') + 1).trimStart() };
    }
    return { mode: 'value', path, prefix: seg };
  }
  const colon = seg.indexOf(':');
  if (colon >= 0) {
    return {
      mode: 'value',
      path: [...path, unquote(seg.slice(0, colon))],
      prefix: seg
        .slice(colon + 1)
        .trimStart()
        .replace(/^["']/, ''),
    };
  }
  return { mode: 'key', path, prefix: seg };
}

/** The key of a flow segment that ends with `key:` (one pass from the end, no backtracking). */
function keyOf(segment: string): string | undefined {
  let i = segment.length - 1;
  while (i >= 0 && isSpace(segment[i])) i--;
  if (segment[i] !== ':') return undefined;
  i--;
  while (i >= 0 && isSpace(segment[i])) i--;
  const end = i + 1;
  while (i >= 0 && !isSpace(segment[i]) && !',{[:'.includes(segment[i])) i--;
  return end > i + 1 ? unquote(segment.slice(i + 1, end)) : undefined;
}
