import ipaddr from 'ipaddr.js';
import { ARTICLES, type Rule } from '../api';
import { ipRuleItems, parseIpRule, type IpRuleItem, removeIpRuleFix } from '../networkAcls';

/**
 * An IP rule equal to another, or inside another's range, adds nothing and
 * uses up one of the workspace's 200 rules.
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: "An IP network rule that repeats another rule or lies inside another rule's range is redundant.",
  article: ARTICLES.privateLink,
  kinds: ['workspace'],
  check(ctx) {
    const ranges = ipRuleItems(ctx).flatMap((item) => {
      const p = parseIpRule(item.value);
      return p.kind === 'ipv4' ? [{ item, address: p.network.toString(), prefix: p.prefix }] : [];
    });
    // First rule of each range, by "network/prefix": lookups stay linear however long the list is.
    const first = new Map<string, IpRuleItem>();
    for (const r of ranges) {
      const key = `${r.address}/${r.prefix}`;
      if (!first.has(key)) first.set(key, r.item);
    }
    for (const r of ranges) {
      // The nearest rule that makes r redundant: an equal rule earlier in the list, else the narrowest wider rule.
      for (let prefix = r.prefix; prefix >= 0; prefix--) {
        const network = prefix === r.prefix ? r.address : ipaddr.IPv4.networkAddressFromCIDR(`${r.address}/${prefix}`).toString();
        const cover = first.get(`${network}/${prefix}`);
        if (!cover || cover === r.item) continue;
        report(r.item, cover, prefix === r.prefix);
        break;
      }
    }

    function report(item: IpRuleItem, cover: IpRuleItem, equal: boolean): void {
      const why = equal ? `repeats "${cover.value}"` : `lies inside "${cover.value}"`;
      ctx.report({
        message: `network_acls.ip_rules value "${item.value}" ${why} (rule ${cover.index + 1}): remove the redundant rule.`,
        at: { value: item.path },
        fixes: removeIpRuleFix(ctx, item, `Remove the redundant IP rule "${item.value}"`),
      });
    }
  },
};

export default rule;
