import { ARTICLES, type Rule } from '../api';
import { ipRuleItems, parseIpRule, reservedOverlap, removeIpRuleFix } from '../networkAcls';

/**
 * Workspace IP rules admit public internet addresses only: private (RFC 1918),
 * loopback, link-local, unspecified, multicast and carrier-grade NAT ranges
 * are refused.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'Workspace IP network rules must not use private or reserved IPv4 addresses or ranges.',
  article: ARTICLES.privateLink,
  quotes: ['IP network rules are allowed only for public internet IP addresses.'],
  hoverFields: [['network_acls', 'ip_rules', '*', 'value']],
  kinds: ['workspace'],
  check(ctx) {
    for (const item of ipRuleItems(ctx)) {
      const parsed = parseIpRule(item.value);
      if (parsed.kind !== 'ipv4') continue;
      const overlap = reservedOverlap(parsed);
      if (!overlap) continue;
      const where = overlap.inside
        ? `is in the ${overlap.label} range ${overlap.cidr}`
        : `includes the ${overlap.label} range ${overlap.cidr}`;
      ctx.report({
        message: `network_acls.ip_rules value "${item.value}" ${where}: IP network rules accept only public internet addresses, so remove this rule.`,
        at: { value: item.path },
        fixes: removeIpRuleFix(ctx, item),
      });
    }
  },
};

export default rule;
