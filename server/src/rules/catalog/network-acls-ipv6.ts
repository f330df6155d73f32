import { ARTICLES, type Rule } from '../api';
import ipaddr from 'ipaddr.js';
import { ipRuleItems, parseIpRule, removeIpRuleFix } from '../networkAcls';

/** Workspace IP rules take IPv4 addresses and ranges only. */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'Workspace IP network rules accept IPv4 addresses and ranges only, not IPv6.',
  article: ARTICLES.privateLink,
  quotes: ['You can only use IPv4 addresses.'],
  hoverFields: [['network_acls', 'ip_rules', '*', 'value']],
  kinds: ['workspace'],
  check(ctx) {
    for (const item of ipRuleItems(ctx)) {
      if (parseIpRule(item.value).kind !== 'ipv6') continue;
      const what = ipaddr.IPv6.isValidCIDR(item.value) ? 'range' : 'address';
      ctx.report({
        message: `network_acls.ip_rules value "${item.value}" is an IPv6 ${what}: workspace IP rules accept only IPv4 addresses and ranges, so remove this rule.`,
        at: { value: item.path },
        fixes: removeIpRuleFix(ctx, item),
      });
    }
  },
};

export default rule;
