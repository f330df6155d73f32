import { stringify } from 'yaml';
import {
  findPair,
  isMap,
  isScalar,
  isSeq,
  nodeAtPath,
  type ParsedFile,
  type Pair,
  type YamlNode,
  type YamlPath,
  type YamlSection,
} from './document';
import { lineBreakOf } from './text';
import type { OffsetEdit } from './textEdits';

/**
 * Builds minimal text edits on a YAML document that keep everything else as
 * written: comments, key order, quoting and indentation. Each builder returns
 * one edit (or undefined when the target is missing).
 */
export class Edits {
  private readonly eol: string;

  constructor(
    private readonly file: ParsedFile,
    private readonly section: YamlSection,
  ) {
    this.eol = lineBreakOf(file.text);
  }

  private get root(): unknown {
    return this.section.doc.contents;
  }

  /** Replaces a range with new text. */
  replace(start: number, end: number, newText: string): OffsetEdit {
    return { start, end, newText };
  }

  /** Replaces the value at path (a scalar keeps its quote style when `keepQuotes`). */
  setValue(path: YamlPath, text: string): OffsetEdit | undefined {
    const pair = this.pair(path);
    const node = nodeAtPath(this.root, path);
    // `key:` with no value parses as an empty null scalar: treat it as absent (below).
    if (node?.range && node.range[1] > node.range[0]) {
      let newText = text;
      if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && !/^["']/.test(text)) {
        const q = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
        newText = `${q}${text}${q}`;
      }
      return { start: node.range[0], end: node.range[1], newText };
    }
    if (pair?.key && (pair.key as YamlNode).range) {
      // `key:` with no value: write the value after the colon.
      const keyEnd = (pair.key as YamlNode).range![1];
      const colon = this.file.text.indexOf(':', keyEnd);
      if (colon >= 0) return { start: colon + 1, end: colon + 1, newText: ` ${text}` };
    }
    return undefined;
  }

  /** Renames the key at path. */
  renameKey(path: YamlPath, newKey: string): OffsetEdit | undefined {
    const key = this.pair(path)?.key as YamlNode | undefined;
    if (!key?.range) return undefined;
    return { start: key.range[0], end: key.range[1], newText: newKey };
  }

  /** Removes `key: value` (with its lines, comments inside the value included). */
  removeKey(path: YamlPath): OffsetEdit | undefined {
    const pair = this.pair(path);
    const parent = nodeAtPath(this.root, path.slice(0, -1));
    if (!pair || !isMap(parent)) return undefined;
    const key = pair.key as YamlNode;
    if (!key?.range) return undefined;
    if (parent.flow) return this.removeFlowEntry(parent.items as unknown[], pair);
    const value = pair.value as YamlNode | null;
    const lastEnd = value?.range ? Math.max(value.range[1], key.range[1]) : key.range[1];
    const index = parent.items.indexOf(pair);
    const keyLine = this.file.lines.positionAt(key.range[0]).line;
    const lineStart = this.file.lines.lineStart(keyLine);
    const onDashLine = /^\s*-\s/.test(this.file.text.slice(lineStart, key.range[0]));
    if (onDashLine) {
      const next = parent.items[index + 1]?.key as YamlNode | undefined;
      if (next?.range) return { start: key.range[0], end: next.range[0], newText: '' };
      // The only key of a list item: remove the whole item.
      return this.removeLines(lineStart, lastEnd);
    }
    return this.removeLines(lineStart, lastEnd);
  }

  /** Removes one item of a sequence. */
  removeItem(path: YamlPath): OffsetEdit | undefined {
    const seq = nodeAtPath(this.root, path.slice(0, -1));
    const index = path[path.length - 1];
    if (!isSeq(seq) || typeof index !== 'number') return undefined;
    const item = seq.items[index] as YamlNode | undefined;
    if (!item?.range) return undefined;
    if (seq.flow) return this.removeFlowEntry(seq.items as unknown[], item);
    const line = this.file.lines.positionAt(item.range[0]).line;
    return this.removeLines(this.file.lines.lineStart(line), item.range[1]);
  }

  /**
   * Inserts `key: value` into the mapping at mapPath, after `afterKey` when it
   * exists, else after the last key. The value is written as YAML in the
   * mapping's own indentation.
   */
  insertKey(mapPath: YamlPath, key: string, value: unknown, afterKey?: string): OffsetEdit | undefined {
    const map = mapPath.length ? nodeAtPath(this.root, mapPath) : (this.root as YamlNode | undefined);
    if (isMap(map) && !map.flow && map.items.length) {
      const firstKey = map.items[0].key as YamlNode;
      const indent = this.file.lines.positionAt(firstKey.range![0]).character;
      const anchorPair = (afterKey && findPair(map, afterKey)) || map.items[map.items.length - 1];
      const end = this.pairEnd(anchorPair);
      const endLine = this.file.lines.positionAt(end).line;
      const at = this.file.lines.lineEnd(endLine);
      return { start: at, end: at, newText: this.eol + this.render(key, value, indent) };
    }
    if (isMap(map) && map.flow) {
      const r = map.range!;
      const inner = this.file.text.slice(r[0] + 1, r[1] - 1).trim();
      const piece = `${key}: ${stringify(value, { collectionStyle: 'flow' }).trim()}`;
      return { start: r[1] - 1, end: r[1] - 1, newText: inner ? `, ${piece}` : piece };
    }
    // The mapping is empty (`key:` with no value): write a block under its key.
    if (mapPath.length) {
      const pair = this.pair(mapPath);
      const k = pair?.key as YamlNode | undefined;
      if (!k?.range) return undefined;
      const indent = this.file.lines.positionAt(k.range[0]).character + 2;
      const valueNode = pair!.value as YamlNode | null;
      const start = valueNode?.range ? valueNode.range[0] : this.file.text.indexOf(':', k.range[1]) + 1;
      const end = valueNode?.range ? valueNode.range[1] : start;
      return { start, end, newText: this.eol + this.render(key, value, indent) };
    }
    // An empty document.
    const at = this.section.end;
    return { start: at, end: at, newText: this.render(key, value, 0) + this.eol };
  }

  /** Sets a key's value, inserting the key when absent. */
  setOrInsert(mapPath: YamlPath, key: string, value: unknown, textValue: string, afterKey?: string): OffsetEdit | undefined {
    if (this.pair([...mapPath, key])) return this.setValue([...mapPath, key], textValue);
    return this.insertKey(mapPath, key, value, afterKey);
  }

  /** YAML text of `key: value` at an indentation (without trailing line break). */
  render(key: string, value: unknown, indent: number): string {
    const text = stringify({ [key]: value }, { lineWidth: 0, indent: 2 }).replace(/\n$/, '');
    const pad = ' '.repeat(indent);
    return text
      .split('\n')
      .map((l, i) => (i === 0 ? pad + l : l ? pad + l : l))
      .join(this.eol);
  }

  private pair(path: YamlPath): Pair | undefined {
    if (!path.length) return undefined;
    const parent = path.length === 1 ? this.root : nodeAtPath(this.root, path.slice(0, -1));
    return isMap(parent) ? findPair(parent, path[path.length - 1]) : undefined;
  }

  private pairEnd(pair: Pair): number {
    const v = pair.value as YamlNode | null;
    const k = pair.key as YamlNode | null;
    const end = v?.range ? v.range[1] : k?.range ? k.range[1] : 0;
    // Block values end after their last line break; step back onto the content.
    let e = end;
    while (e > 0 && /\s/.test(this.file.text[e - 1])) e--;
    return e;
  }

  /** Removes whole lines from the one holding `start` through the one holding `end`. */
  private removeLines(start: number, end: number): OffsetEdit {
    let e = end;
    while (e > start && /\s/.test(this.file.text[e - 1])) e--;
    const lastLine = this.file.lines.positionAt(e).line;
    const nextLineStart = lastLine + 1 < this.file.lines.lineCount ? this.file.lines.lineStart(lastLine + 1) : this.file.text.length;
    return { start, end: nextLineStart, newText: '' };
  }

  private removeFlowEntry(items: unknown[], target: unknown): OffsetEdit | undefined {
    const ranges = items.map((it) => {
      const p = it as Pair & YamlNode;
      const s = (p.key as YamlNode | undefined)?.range?.[0] ?? p.range?.[0];
      const e = (p.value as YamlNode | undefined)?.range?.[1] ?? p.range?.[1] ?? (p.key as YamlNode | undefined)?.range?.[1];
      return [s, e] as [number | undefined, number | undefined];
    });
    const i = items.indexOf(target);
    const [s, e] = ranges[i];
    if (s === undefined || e === undefined) return undefined;
    if (i + 1 < ranges.length && ranges[i + 1][0] !== undefined) return { start: s, end: ranges[i + 1][0]!, newText: '' };
    if (i > 0 && ranges[i - 1][1] !== undefined) return { start: ranges[i - 1][1]!, end: e, newText: '' };
    return { start: s, end: e, newText: '' };
  }
}
