import { ARTICLES, type Rule, type RuleFix } from '../api';
import { BOTH, isEmptyUai, ownerName, rootIdentity } from '../identity';

/**
 * The CLI loads `system_assigned,user_assigned` on a compute, but compute
 * clusters and instances take one kind of managed identity only.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'Compute clusters and instances take either a system-assigned identity or user-assigned identities, not both.',
  article: ARTICLES.identity,
  quotes: [
    'Azure Machine Learning compute clusters support only one system-assigned identity or multiple user-assigned identities, not both concurrently.',
  ],
  hoverFields: [['identity', 'type']],
  kinds: ['amlCompute', 'computeInstance'],
  check(ctx) {
    const root = rootIdentity(ctx);
    if (root?.type?.cli !== BOTH) return;
    const hasList = !isEmptyUai(root.block.value.user_assigned_identities);
    const fixes: RuleFix[] = [];
    for (const [target, preferred] of [
      ['user_assigned', hasList],
      ['system_assigned', !hasList],
    ] as const) {
      const edit = ctx.edits.setValue(root.type.path, target);
      if (edit)
        fixes.push({
          title: `Change to "${target}"${target === 'user_assigned' ? ' (keeps the identity list)' : ''}`,
          edits: [edit],
          isPreferred: preferred,
        });
    }
    ctx.report({
      message: `identity.type "${root.type.raw}" asks for both kinds of identity, but ${ownerName(ctx.kind, 'compute')} takes either system_assigned or user_assigned.`,
      at: { value: root.type.path },
      fixes,
    });
  },
};

export default rule;
