import { isMap, isScalar, isSeq, keyText, nodeAtPath, type YamlNode } from '../../core/document';
import { lineBreakOf } from '../../core/text';
import { ARTICLES, type OffsetEdit, type Rule, type RuleContext } from '../api';
import { expectsMap, ownerName, rootIdentity, scalarSource, UAI_KINDS } from '../identity';

/** One user-assigned identity as written: its id and any other fields (client_id, principal_id), all as source text. */
interface Entry {
  id: string;
  extra: Array<[string, string]>;
}

/**
 * A workspace lists user-assigned identities as a map of resource id to `{}`;
 * computes and online endpoints as a list of `{resource_id: ...}` (the two
 * shapes of the seed-003 examples). The fix rewrites one shape into the other
 * and keeps every id.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description:
    'identity.user_assigned_identities must have the shape of the kind: a map of resource id to {} for a workspace, a list of {resource_id: ...} for computes and online endpoints.',
  article: ARTICLES.identity,
  kinds: UAI_KINDS,
  check(ctx) {
    const family = rootIdentity(ctx)?.block.family;
    if (!family) return;
    const path = ['identity', 'user_assigned_identities'];
    const node = nodeAtPath(ctx.section.doc.contents, path) as YamlNode | undefined;
    if (!node?.range) return;
    const wantMap = expectsMap(family);
    const owner = ownerName(ctx.kind, family);
    if (!wantMap && isSeq(node)) {
      // A list is right; an item written as a bare id is not: report each such item.
      node.items.forEach((item, i) => {
        if (!isScalar(item) || typeof item.value !== 'string' || !item.value || !item.range) return;
        const source = scalarSource(ctx.file.text, item as YamlNode);
        const text = source && (node.flow ? `{resource_id: ${source}}` : `resource_id: ${source}`);
        ctx.report({
          message: `Item ${i + 1} of identity.user_assigned_identities of ${owner} must be {resource_id: <id>}, not the bare id "${clip(item.value)}".`,
          at: { node: item },
          fixes: text
            ? [
                {
                  title: 'Write it as resource_id: <id>',
                  edits: [ctx.edits.replace(item.range[0], item.range[1], text)],
                  isPreferred: true,
                },
              ]
            : [],
        });
      });
      return;
    }
    const wrong = wantMap ? isSeq(node) : isMap(node);
    if (!wrong) return;
    const entries = readEntries(ctx, node);
    const edit = entries ? rewrite(ctx, node, entries, wantMap) : undefined;
    // The schema's own finding on this value (wrong-type) covers node.range; covering it too lets this one replace it.
    const [start, end] = [node.range[0], node.range[1]];
    const want = wantMap ? 'a map of resource id to {}' : 'a list of {resource_id: <id>}';
    const have = isMap(node) ? 'a map' : 'a list';
    ctx.report({
      message: `identity.user_assigned_identities of ${owner} must be ${want}, not ${have}.`,
      start,
      end,
      fixes: edit
        ? [
            {
              title: wantMap ? 'Convert to a map of resource id to {}' : 'Convert to a list of {resource_id: ...}',
              edits: [edit],
              isPreferred: true,
            },
          ]
        : [],
    });
  },
};

/** The entries of either shape, or undefined when an entry has no id to keep. */
function readEntries(ctx: RuleContext, node: YamlNode): Entry[] | undefined {
  const text = ctx.file.text;
  const out: Entry[] = [];
  const src = (n: unknown) => scalarSource(text, n as YamlNode);
  if (isMap(node)) {
    for (const pair of node.items) {
      const id = src(pair.key);
      if (!id || !keyText(pair.key)) return undefined;
      const extra: Array<[string, string]> = [];
      if (isMap(pair.value)) {
        for (const p of pair.value.items) {
          const k = keyText(p.key);
          const v = src(p.value);
          if (k === undefined || v === undefined) return undefined;
          if (k !== 'resource_id') extra.push([k, v]);
        }
      } else if (pair.value && !(isScalar(pair.value) && pair.value.value === null)) return undefined;
      out.push({ id, extra });
    }
    return out;
  }
  if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item)) {
        const id = src(item);
        if (!id || typeof item.value !== 'string' || !item.value) return undefined;
        out.push({ id, extra: [] });
        continue;
      }
      if (!isMap(item)) return undefined;
      let id: string | undefined;
      const extra: Array<[string, string]> = [];
      for (const p of item.items) {
        const k = keyText(p.key);
        const v = src(p.value);
        if (k === undefined || v === undefined) return undefined;
        if (k === 'resource_id') id = v;
        else extra.push([k, v]);
      }
      if (!id) return undefined;
      out.push({ id, extra });
    }
    return out;
  }
  return undefined;
}

function rewrite(ctx: RuleContext, node: YamlNode, entries: Entry[], toMap: boolean): OffsetEdit | undefined {
  const text = ctx.file.text;
  const range = node.range!;
  const flowExtra = (extra: Array<[string, string]>) => `{${extra.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  if ((isMap(node) || isSeq(node)) && node.flow) {
    const body = toMap
      ? `{${entries.map((e) => `${e.id}: ${flowExtra(e.extra)}`).join(', ')}}`
      : `[${entries.map((e) => `{${[['resource_id', e.id], ...e.extra].map(([k, v]) => `${k}: ${v}`).join(', ')}}`).join(', ')}]`;
    return ctx.edits.replace(range[0], range[1], body);
  }
  if (!entries.length) return ctx.edits.replace(range[0], range[1], toMap ? '{}' : '[]');
  const eol = lineBreakOf(text);
  const lines = ctx.file.lines;
  const keyRange = ctx.keyRange(['identity', 'user_assigned_identities'])!;
  const keyIndent = lines.positionAt(keyRange[0]).character;
  const column = lines.positionAt(range[0]).character;
  const indent = ' '.repeat(toMap && column <= keyIndent ? keyIndent + 2 : column);
  const out: string[] = [];
  for (const e of entries) {
    if (toMap) out.push(`${indent}${e.id}: ${flowExtra(e.extra)}`);
    else {
      out.push(`${indent}- resource_id: ${e.id}`);
      for (const [k, v] of e.extra) out.push(`${indent}  ${k}: ${v}`);
    }
  }
  const start = lines.lineStart(lines.positionAt(range[0]).line);
  const [, end] = trimmedRange(text, range[0], range[1]);
  return ctx.edits.replace(start, end, out.join(eol));
}

/** A long id by its last segment (the identity's name). */
const clip = (s: string) => (s.length > 60 ? `.../${s.split('/').filter(Boolean).pop() ?? ''}` : s);

function trimmedRange(text: string, start: number, end: number): [number, number] {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return [start, e];
}

export default rule;
