import { ARTICLES, type Rule } from '../api';
import { ipRuleItems, parseIpRule, rangeText } from '../networkAcls';

/**
 * An IP rule is an IPv4 address (16.17.18.19) or an IPv4 range in CIDR
 * notation (16.17.18.0/24). IPv6 values are left to network-acls-ipv6.
 */
const rule: Rule = {
  defaultSeverity: 'error',
  description: 'Workspace IP network rules must be IPv4 addresses or CIDR ranges written as their network address.',
  article: ARTICLES.privateLink,
  quotes: [
    'You must provide allowed internet address ranges by using CIDR notation in the form 16.17.18.0/24 or as individual IP addresses like 16.17.18.19.',
  ],
  hoverFields: [['network_acls', 'ip_rules', '*', 'value']],
  kinds: ['workspace'],
  check(ctx) {
    for (const item of ipRuleItems(ctx)) {
      const parsed = parseIpRule(item.value);
      if (parsed.kind === 'invalid') {
        ctx.report({
          message: `network_acls.ip_rules value "${item.value}" is not an IPv4 address or CIDR range: write an address like 16.17.18.19 or a range like 16.17.18.0/24.`,
          at: { value: item.path },
        });
      } else if (parsed.kind === 'ipv4' && parsed.hostBits) {
        const network = rangeText(parsed);
        const set = ctx.edits.setValue(item.path, network);
        ctx.report({
          message: `network_acls.ip_rules value "${item.value}" has host bits set after its /${parsed.prefix} prefix: write the range as its network address ${network}.`,
          at: { value: item.path },
          severity: 'warning',
          fixes: set ? [{ title: `Change to "${network}"`, edits: [set], isPreferred: true }] : [],
        });
      }
    }
  },
};

export default rule;
