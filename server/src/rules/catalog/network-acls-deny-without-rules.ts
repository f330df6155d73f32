import { ARTICLES, type Rule } from '../api';
import { IP_RULES, networkAcls } from '../networkAcls';
import { isExpression } from '../../core/scalars';

/**
 * The CLI refuses network_acls with default_action Deny and no ip_rules
 * ("ip_rules must be provided when default_action is 'Deny'."): it compares
 * default_action exactly, and an empty list counts as none.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'network_acls with default_action Deny needs at least one entry in ip_rules.',
  article: ARTICLES.privateLink,
  kinds: ['workspace'],
  check(ctx) {
    const acls = networkAcls(ctx.value);
    if (!acls || acls.default_action !== 'Deny') return;
    const rules = acls.ip_rules;
    if (isExpression(rules)) return;
    const empty = rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
    if (!empty) return;
    // On ip_rules when it is written (empty), else on network_acls (where the key is missing).
    ctx.report({
      message: `network_acls.default_action is "Deny" but ip_rules ${rules === undefined ? 'is missing' : 'is empty'}, which the CLI rejects: add at least one ip_rules entry or set default_action to Allow.`,
      at: { key: rules === undefined ? ['network_acls'] : IP_RULES },
    });
  },
};

export default rule;
