import { isMap, nodeAtPath } from '../../core/document';
import { ARTICLES, type Rule, type RuleFix } from '../api';
import { listedIdentities, WORKSPACE_IDENTITY_KINDS } from '../identity';
import { asMap, isExpression } from '../../core/scalars';

/**
 * primary_user_assigned_identity must be one of the workspace's
 * user-assigned identities (resource ids compare case-insensitively, as ARM
 * ids do).
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'primary_user_assigned_identity must be one of the resource ids listed under identity.user_assigned_identities.',
  article: ARTICLES.identity,
  quotes: ['primary_user_assigned_identity: <one of the UAI resource IDs in the above list>'],
  hoverFields: [['primary_user_assigned_identity']],
  kinds: WORKSPACE_IDENTITY_KINDS,
  check(ctx) {
    const primary = ctx.value.primary_user_assigned_identity;
    if (typeof primary !== 'string' || !primary.trim() || isExpression(primary)) return;
    const identity = asMap(ctx.value.identity);
    const uaiPath = ['identity', 'user_assigned_identities'];
    // Only a workspace-shaped list (a map) can be compared; other shapes are identity-uai-shape's.
    if (!identity || !isMap(nodeAtPath(ctx.section.doc.contents, uaiPath))) return;
    const listed = listedIdentities(ctx, uaiPath);
    const want = primary.trim().toLowerCase();
    if (listed.some((l) => l.id.trim().toLowerCase() === want)) return;
    // The value's source text, for the fix that lists it as written.
    const range = ctx.valueRange(['primary_user_assigned_identity']);
    if (!range) return;
    const fixes: RuleFix[] = [];
    for (const l of listed.slice(0, 5)) {
      const edit = ctx.edits.setValue(['primary_user_assigned_identity'], l.source);
      if (edit) fixes.push({ title: `Change to ${l.id}`, edits: [edit], isPreferred: listed.length === 1 });
    }
    const source = ctx.file.text.slice(range[0], range[1]);
    const add = ctx.edits.insertKey(uaiPath, 'AML_YAML_PRIMARY_ID', {});
    if (add && !source.includes('\n'))
      fixes.push({
        title: 'Add it to identity.user_assigned_identities',
        edits: [{ ...add, newText: add.newText.replace('AML_YAML_PRIMARY_ID', source) }],
      });
    ctx.report({
      message: listed.length
        ? `primary_user_assigned_identity "${short(primary)}" is not one of the ${listed.length} ids listed under identity.user_assigned_identities.`
        : `primary_user_assigned_identity "${short(primary)}" is not listed under identity.user_assigned_identities, which is empty.`,
      at: { value: ['primary_user_assigned_identity'] },
      fixes,
    });
  },
};

/** The identity's name (the last segment) when the id is long. */
function short(id: string): string {
  if (id.length <= 60) return id;
  const name = id.split('/').filter(Boolean).pop() ?? id;
  return `.../${name}`;
}

export default rule;
