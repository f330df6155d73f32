import { ARTICLES, type Rule } from '../api';
import { listedIdentities, ownerName, rootIdentity, WORKSPACE_IDENTITY_KINDS } from '../identity';
import { isExpression } from '../../core/scalars';

/**
 * A workspace whose only identities are user-assigned must say which one is
 * primary (the seed's examples set primary_user_assigned_identity to one of
 * the listed ids).
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description:
    'A workspace with identity.type user_assigned must set primary_user_assigned_identity to one of its user-assigned identities.',
  article: ARTICLES.identity,
  quotes: ['primary_user_assigned_identity: <one of the UAI resource IDs in the above list>'],
  hoverFields: [['primary_user_assigned_identity'], ['identity', 'type']],
  kinds: WORKSPACE_IDENTITY_KINDS,
  check(ctx) {
    const root = rootIdentity(ctx);
    if (root?.type?.cli !== 'user_assigned') return;
    const primary = ctx.value.primary_user_assigned_identity;
    if (isExpression(primary)) return;
    if (typeof primary === 'string' ? primary.trim() !== '' : primary !== undefined && primary !== null) return;
    const first = listedIdentities(ctx, ['identity', 'user_assigned_identities'])[0];
    let edit;
    if (first) {
      edit =
        'primary_user_assigned_identity' in ctx.value
          ? ctx.edits.setValue(['primary_user_assigned_identity'], first.source)
          : insertAfterIdentity(ctx, first.source);
    }
    ctx.report({
      message: `${ownerName(ctx.kind, 'workspace').replace(/^a/, 'A')} with identity.type "${root.type.raw}" needs primary_user_assigned_identity set to one of its user-assigned identities.`,
      at: { value: root.type.path },
      fixes: edit ? [{ title: 'Set primary_user_assigned_identity to the first listed identity', edits: [edit], isPreferred: true }] : [],
    });
  },
};

/** `primary_user_assigned_identity: <id>` on the line after the identity block, with the id's quoting kept. */
function insertAfterIdentity(ctx: Parameters<Rule['check']>[0], source: string) {
  const marker = 'AML_YAML_PRIMARY_ID';
  const edit = ctx.edits.insertKey([], 'primary_user_assigned_identity', marker, 'identity');
  return edit && { ...edit, newText: edit.newText.replace(marker, source) };
}

export default rule;
