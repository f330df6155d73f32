import { isMap, isSeq, nodeAtPath, type YamlNode } from '../../core/document';
import type { OffsetEdit, Rule } from '../api';
import { ARTICLES } from '../api';
import { expectsMap, includesUserAssigned, isEmptyUai, ownerName, rootIdentity, UAI_KINDS } from '../identity';

/** A clearly marked template id: the placeholder rule keeps warning until it is replaced. */
export const UAI_TEMPLATE_ID =
  '/subscriptions/<SUBSCRIPTION_ID>/resourceGroups/<RESOURCE_GROUP>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<IDENTITY_NAME>';

/**
 * A user-assigned identity type needs the identities themselves: the seed
 * examples always pair `type: user_assigned` with `user_assigned_identities`.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'An identity whose type includes user_assigned must list its user-assigned identities in user_assigned_identities.',
  article: ARTICLES.identity,
  kinds: UAI_KINDS,
  check(ctx) {
    const root = rootIdentity(ctx);
    if (!root?.type || !includesUserAssigned(root.type.cli)) return;
    const uai = root.block.value.user_assigned_identities;
    if (!isEmptyUai(uai)) return;
    const asMap = expectsMap(root.block.family);
    const entry = asMap ? { [UAI_TEMPLATE_ID]: {} } : [{ resource_id: UAI_TEMPLATE_ID }];
    const edit = insertList(ctx, asMap, entry);
    const missing = uai === undefined ? 'has no' : 'has an empty';
    ctx.report({
      message: `identity.type "${root.type.raw}" of ${ownerName(ctx.kind, root.block.family)} ${missing} identity.user_assigned_identities to go with it.`,
      at: { value: root.type.path },
      fixes: edit
        ? [
            {
              title: asMap
                ? 'Add user_assigned_identities (a map of resource id to {})'
                : 'Add user_assigned_identities (a list of resource_id)',
              edits: [edit],
              isPreferred: true,
            },
          ]
        : [],
    });
  },
};

function insertList(ctx: Parameters<Rule['check']>[0], asMap: boolean, entry: unknown): OffsetEdit | undefined {
  const path = ['identity', 'user_assigned_identities'];
  if (!('user_assigned_identities' in (ctx.value.identity as object)))
    return ctx.edits.insertKey(['identity'], 'user_assigned_identities', entry, 'type');
  const node = nodeAtPath(ctx.section.doc.contents, path) as YamlNode | undefined;
  if ((isMap(node) || isSeq(node)) && node.flow && node.range) {
    const text = asMap ? `{'${UAI_TEMPLATE_ID}': {}}` : `[{resource_id: '${UAI_TEMPLATE_ID}'}]`;
    return ctx.edits.replace(node.range[0], node.range[1], text);
  }
  // `user_assigned_identities:` with no value (or an empty string): replace the key with a full block.
  const key = ctx.keyRange(path);
  if (!key) return undefined;
  const lineStart = ctx.file.text.lastIndexOf('\n', key[0] - 1) + 1;
  const indent = key[0] - lineStart;
  const valueEnd = node?.range ? node.range[1] : ctx.file.text.indexOf(':', key[1]) + 1;
  const rendered = ctx.edits.render('user_assigned_identities', entry, indent).slice(indent);
  return ctx.edits.replace(key[0], valueEnd, rendered);
}

export default rule;
