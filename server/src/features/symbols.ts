import { isMap, isScalar, isSeq, keyText, type YamlNode } from '../core/document';
import { kindInfo } from '../core/kinds';
import { SymbolKind, type DocumentSymbol } from '../core/types';
import type { Analysis } from './analysis';

const MAX_DEPTH = 6;
/** Symbols per file: an outline of a huge mapping stops here (an editor cannot use more). */
export const MAX_SYMBOLS = 5_000;

/** An outline of each Azure ML document: the spec, then its keys; pipeline steps by name. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { file } = analysis;
  const out: DocumentSymbol[] = [];
  const budget = { left: MAX_SYMBOLS };
  for (const { section, detection } of analysis.docs) {
    if (!detection || budget.left <= 0) continue;
    budget.left--;
    const root = section.doc.contents as YamlNode | null;
    if (!isMap(root) || !root.range) continue;
    const value = section.value as Record<string, unknown> | undefined;
    const name = typeof value?.name === 'string' ? value.name : typeof value?.display_name === 'string' ? value.display_name : undefined;
    const title = kindInfo(detection.kind)?.title ?? detection.kind;
    const range = file.lines.range(root.range[0], root.range[1]);
    const nameNode = root.items.find((p) => keyText(p.key) === 'name')?.value as YamlNode | undefined;
    out.push({
      // VS Code rejects the whole outline when a symbol's name is empty.
      name: name || title,
      detail: name ? title : undefined,
      kind: SymbolKind.Module,
      range,
      selectionRange: nameNode?.range
        ? file.lines.range(nameNode.range[0], nameNode.range[1])
        : file.lines.range(root.range[0], root.range[0]),
      children: children(analysis, root, 0, [], budget),
    });
  }
  return out;
}

function children(analysis: Analysis, node: YamlNode, depth: number, path: string[], budget: { left: number }): DocumentSymbol[] {
  if (depth > MAX_DEPTH || !isMap(node)) return [];
  const { file } = analysis;
  const out: DocumentSymbol[] = [];
  for (const pair of node.items) {
    if (budget.left <= 0) break;
    budget.left--;
    const key = pair.key as YamlNode | null;
    const value = pair.value as YamlNode | null;
    if (!key?.range) continue;
    const name = keyText(key) || '""';
    const end = value?.range ? value.range[1] : key.range[1];
    const isStep = path.length === 1 && path[0] === 'jobs';
    const sym: DocumentSymbol = {
      name,
      kind: isStep ? SymbolKind.Function : isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : symbolKindOf(value),
      range: file.lines.range(key.range[0], Math.max(end, key.range[1])),
      selectionRange: file.lines.range(key.range[0], key.range[1]),
    };
    if (isScalar(value) && value.value !== null && typeof value.value !== 'object') {
      const text = String(value.value);
      sym.detail = /secret|password|key$|token/i.test(name) ? '****' : text.length > 60 ? text.slice(0, 57) + '...' : text;
    }
    if (isStep && isMap(value)) {
      const type = value.items.find((p) => keyText(p.key) === 'type');
      if (type && isScalar(type.value)) sym.detail = `${String(type.value.value)} step`;
    }
    if (isMap(value)) sym.children = children(analysis, value, depth + 1, [...path, name], budget);
    out.push(sym);
  }
  return out;
}

function symbolKindOf(value: YamlNode | null): SymbolKind {
  if (!isScalar(value)) return SymbolKind.Property;
  const v = value.value;
  if (typeof v === 'number') return SymbolKind.Number;
  if (typeof v === 'boolean') return SymbolKind.Boolean;
  return SymbolKind.String;
}
