import { ARTICLES, type Rule } from '../api';
import { ipRuleList, publicAccess } from '../networkAcls';

/** IP rules only apply to the public endpoint: with public access Disabled they do nothing. */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'network_acls IP rules are not enforced while public_network_access is Disabled.',
  article: ARTICLES.privateLink,
  quotes: ['The network ACLS for this workspace, enforced when public_network_access is set to Enabled.'],
  hoverFields: [['network_acls']],
  kinds: ['workspace'],
  check(ctx) {
    if (publicAccess(ctx.value) !== 'disabled') return;
    const rules = ipRuleList(ctx.value);
    if (!rules?.length) return;
    const set = ctx.edits.setValue(['public_network_access'], 'Enabled');
    const count = rules.length === 1 ? '1 IP rule' : `${rules.length} IP rules`;
    ctx.report({
      message: `network_acls has ${count} but public_network_access is "${String(ctx.value.public_network_access)}", so they are not enforced: set public_network_access to Enabled to admit those addresses, or remove network_acls.`,
      at: { key: ['network_acls'] },
      fixes: set ? [{ title: 'Set "public_network_access: Enabled"', edits: [set] }] : [],
    });
  },
};

export default rule;
