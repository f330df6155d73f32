import type { Rule, RuleFix } from '../api';
import { BOTH, isEmptyUai, ownerName, rootIdentity, UAI_KINDS } from '../identity';

/**
 * user_assigned_identities only matter when the identity type includes
 * user_assigned; with system_assigned or none the list is silently dropped.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'user_assigned_identities has no effect while identity.type is system_assigned or none.',
  kinds: UAI_KINDS,
  check(ctx) {
    const root = rootIdentity(ctx);
    if (!root?.type) return;
    const cli = root.type.cli;
    if (cli !== 'system_assigned' && cli !== 'none') return;
    const uai = root.block.value.user_assigned_identities;
    if (isEmptyUai(uai)) return;
    // Clusters, instances and endpoints take one kind of identity; a workspace can keep both.
    const target = cli === 'system_assigned' && root.block.family === 'workspace' ? BOTH : 'user_assigned';
    const fixes: RuleFix[] = [];
    const set = ctx.edits.setValue(root.type.path, target);
    if (set) fixes.push({ title: `Change identity.type to "${target}"`, edits: [set] });
    const remove = ctx.edits.removeKey(['identity', 'user_assigned_identities']);
    if (remove) fixes.push({ title: 'Remove user_assigned_identities', edits: [remove] });
    ctx.report({
      message: `identity.user_assigned_identities of ${ownerName(ctx.kind, root.block.family)} is ignored because identity.type is "${root.type.raw}".`,
      at: { key: ['identity', 'user_assigned_identities'] },
      fixes,
    });
  },
};

export default rule;
