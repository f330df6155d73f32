import { cursorContext, type CursorContext } from '../core/context';
import { findPair, isMap, isScalar, nodeAtPath, valueAtPath, type YamlNode } from '../core/document';
import { KINDS, kindInfo, schemaUrlOf } from '../core/kinds';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from '../core/types';
import { childSchemas, expand, factsOf, propertiesOf, schemasAtPath, type FieldFacts, type PropertyInfo } from '../schema/navigate';
import type { SchemaRef } from '../schema/store';
import type { Analysis, ServiceContext } from './analysis';
import { renderFieldDocs } from './hover';
import { schemaCompletionExtras } from './redHat';
import { referenceCompletions } from './references';
import { starterItems } from './starters';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function doComplete(service: ServiceContext, analysis: Analysis, position: Position): CompletionList {
  const { file } = analysis;
  if (file.text.trim() === '') return { isIncomplete: false, items: starterItems(service, analysis, position) };
  const offset = file.lines.offsetAt(position);
  const ctx = cursorContext(file, offset);
  if (!ctx) return EMPTY;
  const doc = analysis.docs.find((d) => d.section === ctx.section);
  const detection = doc?.detection;
  const range = file.lines.range(ctx.replaceStart, ctx.replaceEnd);

  if (ctx.mode === 'value' && ctx.path.length === 1 && ctx.path[0] === '$schema') {
    // Offered in any YAML document: writing a $schema is how a file becomes Azure ML.
    return { isIncomplete: false, items: schemaUrlItems(service, ctx, range, analysis, offset) };
  }
  if (!detection) {
    const onlyLine = ctx.section && file.text.slice(ctx.section.start, ctx.section.end).trim().split(/\r?\n/).length <= 1;
    if (ctx.mode === 'key' && ctx.path.length === 0 && onlyLine && '$schema'.startsWith(ctx.prefix)) {
      return {
        isIncomplete: false,
        items: [
          {
            label: '$schema',
            kind: CompletionItemKind.Property,
            textEdit: { range, newText: '$schema: ' },
            command: SUGGEST,
            detail: 'Declare the Azure ML kind of this file',
          },
        ],
      };
    }
    return EMPTY;
  }
  const root = service.store.root(detection.kind);
  if (!root) return EMPTY;
  const value = ctx.section?.value;
  const items =
    ctx.mode === 'key'
      ? keyItems(service, root, value, ctx, range, analysis)
      : valueItems(service, root, value, ctx, range, analysis, detection.kind);
  return { isIncomplete: false, items };
}

function keyItems(
  service: ServiceContext,
  root: SchemaRef,
  value: unknown,
  ctx: CursorContext,
  range: CompletionItem['textEdit'] extends infer T ? (T extends { range: infer R } ? R : never) : never,
  analysis: Analysis,
): CompletionItem[] {
  const store = service.store;
  const expanded = schemasAtPath(store, root, ctx.path, value);
  const props = propertiesOf(store, expanded);
  const present = presentKeys(analysis, ctx);
  const items: CompletionItem[] = [];
  for (const p of props) {
    if (present.has(p.name)) continue;
    const facts = factsOf(p.schemas);
    items.push(keyItem(p, facts, range, ctx));
  }
  if (ctx.newItem && props.length === 0) {
    // A list of scalars: offer the item values.
    const facts = factsOf(expanded);
    return valueChoices(facts, ctx, range);
  }
  return items;
}

/** Keys already written in the mapping being completed, except the one on the cursor line. */
function presentKeys(analysis: Analysis, ctx: CursorContext): Set<string> {
  const out = new Set<string>();
  const section = ctx.section;
  if (!section) return out;
  const map = ctx.path.length ? nodeAtPath(section.doc.contents, ctx.path) : section.doc.contents;
  if (!isMap(map)) return out;
  const cursorLine = analysis.file.lines.positionAt(ctx.replaceStart).line;
  for (const pair of map.items) {
    const key = pair.key as YamlNode | null;
    if (!key?.range) continue;
    if (analysis.file.lines.positionAt(key.range[0]).line === cursorLine) continue;
    const v = isScalar(key) ? key.value : undefined;
    if (v !== null && v !== undefined) out.add(String(v));
  }
  return out;
}

function isObjectOnly(f: FieldFacts): boolean {
  return f.types.length > 0 && f.types.every((t) => t === 'object' || t === 'null');
}
function isArrayOnly(f: FieldFacts): boolean {
  return f.types.length > 0 && f.types.every((t) => t === 'array' || t === 'null');
}

function keyItem(p: PropertyInfo, facts: FieldFacts, range: Range, ctx: CursorContext): CompletionItem {
  let newText: string;
  let command: CompletionItem['command'];
  const key = /^[A-Za-z0-9_$.-]+$/.test(p.name) ? p.name : JSON.stringify(p.name);
  if (ctx.inFlow) newText = `${key}: `;
  else if (isObjectOnly(facts)) {
    newText = `${key}:\n  $0`;
    command = SUGGEST;
  } else if (isArrayOnly(facts)) {
    newText = `${key}:\n  - $0`;
    command = SUGGEST;
  } else if (facts.enumValues.length > 1 && facts.enumValues.every((v) => typeof v === 'string')) {
    newText = `${key}: \${1|${facts.enumValues.map((v) => String(v).replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`;
  } else if (facts.types.length === 1 && facts.types[0] === 'boolean') {
    const first = facts.hasDefault && facts.defaultValue === true ? 'true,false' : 'false,true';
    newText = `${key}: \${1|${first}|}`;
  } else {
    newText = `${key}: $0`;
    if (facts.reference || facts.enumValues.length) command = SUGGEST;
  }
  return {
    label: p.name,
    kind: CompletionItemKind.Property,
    detail: `${facts.types.join(' | ') || 'any'}${p.required ? ' (required)' : ''}${facts.deprecated ? ' (deprecated)' : ''}`,
    documentation: { kind: 'markdown', value: renderFieldDocs(p.name, facts) },
    textEdit: { range, newText },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: 2,
    sortText: `${p.required ? '0' : facts.deprecated ? '2' : '1'}_${p.name}`,
    filterText: p.name,
    command,
  };
}

function valueItems(
  service: ServiceContext,
  root: SchemaRef,
  value: unknown,
  ctx: CursorContext,
  range: Range,
  analysis: Analysis,
  kind: string,
): CompletionItem[] {
  const store = service.store;
  const last = ctx.path[ctx.path.length - 1];
  let facts: FieldFacts;
  if (last === 'type') {
    // Offer every variant of the union, not only the one already chosen.
    const parentPath = ctx.path.slice(0, -1);
    const parentValue = valueAtPath(value, parentPath);
    const stripped =
      parentValue && typeof parentValue === 'object' && !Array.isArray(parentValue)
        ? { ...(parentValue as object), type: undefined }
        : undefined;
    const rootValue = parentPath.length ? value : stripped;
    const parents = parentPath.length ? schemasAtPath(store, root, parentPath, undefined) : expand(store, [root], rootValue);
    facts = factsOf(expand(store, childSchemas(parents, 'type'), undefined));
  } else {
    facts = factsOf(schemasAtPath(store, root, ctx.path, value));
  }
  const items = valueChoices(facts, ctx, range);
  for (const item of referenceCompletions(service, analysis, kind, ctx, facts, range)) items.push(item);
  return items;
}

function needsQuotes(v: string): boolean {
  return (
    v === '' ||
    /^(true|false|null|~|yes|no|on|off|[-+]?[0-9.]+(e[-+]?[0-9]+)?)$/i.test(v) ||
    /[:#{}[\],&*!|>'"%@`]/.test(v[0]) ||
    /: | #/.test(v)
  );
}

function valueChoices(facts: FieldFacts, ctx: CursorContext, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (label: string, newText: string, detail: string, kind: CompletionItemKind, preselect = false) => {
    if (seen.has(label)) return;
    seen.add(label);
    items.push({ label, kind, detail, textEdit: { range, newText }, preselect, sortText: `${preselect ? '0' : '1'}_${label}` });
  };
  for (const v of facts.enumValues) {
    const s = String(v);
    const isDefault = facts.hasDefault && facts.defaultValue === v;
    add(
      s,
      typeof v === 'string' && needsQuotes(s) ? JSON.stringify(s) : s,
      isDefault ? 'default' : 'allowed value',
      CompletionItemKind.EnumMember,
      isDefault,
    );
  }
  if (facts.types.includes('boolean')) {
    for (const b of ['true', 'false'])
      add(
        b,
        b,
        facts.hasDefault && String(facts.defaultValue) === b ? 'default' : 'boolean',
        CompletionItemKind.Value,
        facts.hasDefault && String(facts.defaultValue) === b,
      );
  }
  if (facts.hasDefault && facts.defaultValue !== null && typeof facts.defaultValue !== 'object' && !seen.has(String(facts.defaultValue))) {
    add(String(facts.defaultValue), String(facts.defaultValue), 'default', CompletionItemKind.Value, true);
  }
  void ctx;
  return items;
}

function schemaUrlItems(service: ServiceContext, ctx: CursorContext, range: Range, analysis: Analysis, offset: number): CompletionItem[] {
  return KINDS.filter((k) => service.store.hasKind(k.id)).map((k) => ({
    label: schemaUrlOf(k.id),
    kind: CompletionItemKind.Reference,
    detail: kindInfo(k.id)!.title,
    filterText: `${schemaUrlOf(k.id)} ${k.id} ${k.title}`,
    textEdit: { range, newText: schemaUrlOf(k.id) },
    sortText: k.id,
    ...schemaCompletionExtras(analysis, offset, schemaUrlOf(k.id)),
  }));
}

export { findPair };
