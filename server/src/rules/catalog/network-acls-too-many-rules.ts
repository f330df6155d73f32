import { ARTICLES, type Rule } from '../api';
import { IP_RULES, ipRuleList } from '../networkAcls';

const LIMIT = 200;

/** A workspace holds at most 200 IP network rules. */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'A workspace supports at most 200 IP network rules in network_acls.ip_rules.',
  article: ARTICLES.privateLink,
  quotes: ['Each Azure Machine Learning workspace supports up to 200 rules.'],
  hoverFields: [['network_acls', 'ip_rules']],
  kinds: ['workspace'],
  check(ctx) {
    const rules = ipRuleList(ctx.value);
    if (!rules || rules.length <= LIMIT) return;
    const extra = rules.length - LIMIT;
    ctx.report({
      message: `network_acls.ip_rules has ${rules.length} rules but a workspace supports up to ${LIMIT}: remove ${extra} ${extra === 1 ? 'rule' : 'rules'} or merge neighbouring addresses into CIDR ranges.`,
      at: { key: IP_RULES },
    });
  },
};

export default rule;
