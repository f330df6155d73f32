import { ARTICLES, type OffsetEdit, type Rule, type RuleContext } from '../api';
import { ipRuleList, isolationMode, networkAcls, publicAccess } from '../networkAcls';
import { asMap } from '../../core/scalars';

const MODE = 'allow_only_approved_outbound';

/**
 * "Enabled from selected IPs" (public access with default_action Deny and IP
 * rules) needs network isolation for compute: a workspace-managed virtual
 * network (or a private endpoint, which the YAML cannot show).
 */
const rule: Rule = {
  defaultSeverity: 'warning',
  description: 'A workspace restricted to selected IP addresses should have a managed virtual network.',
  article: ARTICLES.privateLink,
  quotes: [
    'Configuring only the selected IP without enabling a managed virtual network or a Private endpoint for the workspace can lead to failures while provisioning the compute instance.',
  ],
  hoverFields: [['network_acls'], ['network_acls', 'default_action']],
  kinds: ['workspace'],
  check(ctx) {
    const acls = networkAcls(ctx.value);
    if (!acls || acls.default_action !== 'Deny' || !ipRuleList(ctx.value)?.length) return;
    // With public access Disabled the selected IPs are not in effect (network-acls-ignored says so).
    if (publicAccess(ctx.value) === 'disabled') return;
    if (isolationMode(ctx.value) !== 'disabled') return;
    const edit = fix(ctx);
    ctx.report({
      message: `network_acls admits only selected IP addresses but the workspace has no managed virtual network: set managed_network.isolation_mode (for example ${MODE}) or add a private endpoint, or compute instances can fail to provision.`,
      at: { key: ['network_acls'] },
      fixes: edit ? [{ title: `Set "managed_network.isolation_mode: ${MODE}"`, edits: [edit], isPreferred: true }] : [],
    });
  },
};

function fix(ctx: RuleContext): OffsetEdit | undefined {
  const mn = ctx.value.managed_network;
  if (mn === undefined) return ctx.edits.insertKey([], 'managed_network', { isolation_mode: MODE }, 'network_acls');
  if (mn === null) return ctx.edits.insertKey(['managed_network'], 'isolation_mode', MODE);
  const map = asMap(mn);
  if (!map) return undefined;
  if (map.isolation_mode === undefined) return ctx.edits.insertKey(['managed_network'], 'isolation_mode', MODE);
  return ctx.edits.setValue(['managed_network', 'isolation_mode'], MODE);
}

export default rule;
