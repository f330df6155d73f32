import { isMap, isScalar, isSeq, keyText, LIMITS, type YamlNode, type YamlPath } from '../../core/document';
import type { Rule, RuleContext } from '../api';
import { pathLabel } from '../identity';
import { findPlaceholders } from '../resourceId';

/** `$schema` is an identifier; in prose (`description`) a placeholder documents a command, it is not a leftover. */
const SKIPPED_KEYS = new Set(['description', '$schema']);

/**
 * Documentation placeholders (`<SUBSCRIPTION_ID>`, `<UAI resource ID 1>`,
 * `<workspace-name>`, `{sub-id}` in a resource id, an all-x GUID) left in a
 * string value or mapping key: the CLI sends them to Azure as they are.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A documentation placeholder such as <SUBSCRIPTION_ID> or <workspace-name> is still in a value.',
  kinds: ['*'],
  check(ctx) {
    walk(ctx, ctx.section.doc.contents as YamlNode | null, [], 0);
  },
};

function walk(ctx: RuleContext, node: YamlNode | null | undefined, path: YamlPath, depth: number): void {
  if (!node || depth > LIMITS.maxDepth) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === undefined) continue;
      if (SKIPPED_KEYS.has(key)) continue;
      checkScalar(ctx, pair.key as YamlNode, [...path, key], true);
      walk(ctx, pair.value as YamlNode | null, [...path, key], depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(ctx, item as YamlNode, [...path, i], depth + 1));
  } else if (isScalar(node)) {
    checkScalar(ctx, node, path, false);
  }
}

function checkScalar(ctx: RuleContext, node: YamlNode, path: YamlPath, isKey: boolean): void {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
  const value = node.value;
  const found = findPlaceholders(value);
  if (!found.length) return;
  // Point at the placeholders themselves when the source spells them as the value does.
  const source = ctx.file.text.slice(node.range[0], node.range[1]);
  const first = source.indexOf(found[0].text);
  const lastFound = found[found.length - 1];
  const last = source.lastIndexOf(lastFound.text);
  const [start, end] =
    first >= 0 && last >= first ? [node.range[0] + first, node.range[0] + last + lastFound.text.length] : [node.range[0], node.range[1]];
  const names = [...new Set(found.map((p) => p.text))];
  const where = isKey ? `the key "${clip(value)}" under ${pathLabel(path.slice(0, -1)) || 'the document'}` : `"${pathLabel(path)}"`;
  const list =
    names.length === 1
      ? `the documentation placeholder ${names[0]}`
      : `the documentation placeholders ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  ctx.report({
    message: `${where.replace(/^t/, 'T')} still holds ${list}: replace ${names.length === 1 ? 'it with a real value' : 'them with real values'}.`,
    start,
    end,
  });
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

export default rule;
